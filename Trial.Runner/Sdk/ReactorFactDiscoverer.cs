using Xunit.Abstractions;
using Xunit.Sdk;

namespace Trial.Runner.Sdk;

/// <summary>Makes the test cases of a <see cref="ReactorFactAttribute"/> method: one per mode and seed, or one that fails saying how to fix a malformed test.</summary>
public sealed class ReactorFactDiscoverer : IXunitTestCaseDiscoverer
{
    private readonly IMessageSink _diagnosticMessageSink;

    /// <summary>Initializes a new instance; xunit calls this.</summary>
    /// <param name="diagnosticMessageSink">Where diagnostic messages go.</param>
    public ReactorFactDiscoverer(IMessageSink diagnosticMessageSink) => _diagnosticMessageSink = diagnosticMessageSink;

    /// <inheritdoc/>
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        TestCaseFactory.Create(_diagnosticMessageSink, discoveryOptions, testMethod, factAttribute, isTheory: false, dataRow: null);
}
