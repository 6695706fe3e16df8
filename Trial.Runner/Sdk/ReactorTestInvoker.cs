using System.Reflection;
using Trial.Runner.Running;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Trial.Runner.Sdk;

/// <summary>Invokes a reactor test method: builds its reactor, runs it there with time travel, then checks and cleans the reactor.</summary>
internal sealed class ReactorTestInvoker(
    ReactorTestCase testCase,
    IReactorTestAttribute settings,
    ITestOutputHelper? output,
    RunRecord record,
    ITest test,
    IMessageBus messageBus,
    Type testClass,
    object[] constructorArguments,
    MethodInfo testMethod,
    object[] testMethodArguments,
    IReadOnlyList<BeforeAfterTestAttribute> beforeAfterAttributes,
    ExceptionAggregator aggregator,
    CancellationTokenSource cancellationTokenSource)
    : XunitTestInvoker(test, messageBus, testClass, constructorArguments, testMethod, testMethodArguments, beforeAfterAttributes, aggregator, cancellationTokenSource)
{
    protected override async Task<decimal> InvokeTestMethodAsync(object testClassInstance)
    {
        if (testCase.InitializationException is { } initialization)
        {
            Aggregator.Add(initialization);
            return Timer.Total;
        }

        if (testClassInstance is not TestCase instance)
        {
            Aggregator.Add(new MalformedTestException(MalformedTest.Check(TestMethod, testCase.TestMethodArguments is not null, TestClass)
                ?? $"{TestClass.FullName} does not derive from Trial.Runner.TestCase."));
            return Timer.Total;
        }

        var context = new ReactorTestContext(testCase.DisplayName, testCase.FullyQualifiedName, testCase.Variant, settings, output, record);
        ReactorRun run = testCase.Variant.Mode == ReactorMode.Real ? new RealRun(context) : new SimulatedRun(context);
        await Timer.AggregateAsync(async () =>
        {
            foreach (var error in await run.ExecuteAsync(instance, () => CallTestMethod(testClassInstance)))
            {
                Aggregator.Add(error);
            }
        });
        return Timer.Total;
    }
}
