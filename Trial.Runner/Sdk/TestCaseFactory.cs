using Xunit.Abstractions;
using Xunit.Sdk;

namespace Trial.Runner.Sdk;

/// <summary>What both discoverers share: the malformed-test check and the expansion into modes and seeds.</summary>
internal static class TestCaseFactory
{
    internal static IEnumerable<IXunitTestCase> Create(IMessageSink sink, ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, IAttributeInfo attribute, bool isTheory, object[]? dataRow)
    {
        if (!isTheory && CheckMalformed(sink, options, testMethod, isTheory) is { } malformed)
        {
            return [malformed];
        }

        IReadOnlyList<ReactorTestVariant> variants;
        try
        {
            var settings = (IReactorTestAttribute)((IReflectionAttributeInfo)attribute).Attribute;
            variants = ReactorTestVariant.For(settings, $"{testMethod.TestClass.Class.Name}.{testMethod.Method.Name}");
        }
        catch (Exception e) when (e is FormatException or InvalidCastException)
        {
            return [Error(sink, options, testMethod, e.Message)];
        }

        return variants.Select(v => (IXunitTestCase)new ReactorTestCase(
            sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), testMethod, v, dataRow));
    }

    internal static IXunitTestCase? CheckMalformed(IMessageSink sink, ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, bool isTheory)
    {
        if (testMethod.Method is not IReflectionMethodInfo reflection)
        {
            return null;
        }

        string? problem = MalformedTest.Check(reflection.MethodInfo, isTheory, testMethod.TestClass.Class is IReflectionTypeInfo type ? type.Type : null);
        return problem is null ? null : Error(sink, options, testMethod, problem);
    }

    private static ExecutionErrorTestCase Error(IMessageSink sink, ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, string message) =>
        new(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), testMethod, message);
}
