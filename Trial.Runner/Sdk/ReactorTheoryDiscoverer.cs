using Xunit.Abstractions;
using Xunit.Sdk;

namespace Trial.Runner.Sdk;

/// <summary>Makes the test cases of a <see cref="ReactorTheoryAttribute"/> method: one per data row, mode and seed.</summary>
public sealed class ReactorTheoryDiscoverer : TheoryDiscoverer
{
    /// <summary>Initializes a new instance; xunit calls this.</summary>
    /// <param name="diagnosticMessageSink">Where diagnostic messages go.</param>
    public ReactorTheoryDiscoverer(IMessageSink diagnosticMessageSink)
        : base(diagnosticMessageSink)
    {
    }

    /// <inheritdoc/>
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute)
    {
        var malformed = TestCaseFactory.CheckMalformed(DiagnosticMessageSink, discoveryOptions, testMethod, isTheory: true);
        return malformed is not null ? [malformed] : base.Discover(discoveryOptions, testMethod, theoryAttribute);
    }

    /// <inheritdoc/>
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow) =>
        TestCaseFactory.Create(DiagnosticMessageSink, discoveryOptions, testMethod, theoryAttribute, isTheory: true, dataRow);

    /// <inheritdoc/>
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForTheory(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
    [
        new ExecutionErrorTestCase(
            DiagnosticMessageSink,
            discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault(),
            testMethod,
            $"The data of [ReactorTheory] {testMethod.TestClass.Class.Name}.{testMethod.Method.Name} could not be listed before the run: each row must be serializable " +
            "(primitives, strings, enums, arrays of them, or IXunitSerializable) and theory pre-enumeration must be on. Change the data, or give each row its own [InlineData]."),
    ];
}
