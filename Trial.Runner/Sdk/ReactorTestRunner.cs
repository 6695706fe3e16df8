using System.Reflection;
using Trial.Runner.Running;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Trial.Runner.Sdk;

/// <summary>
/// Runs one test of a <see cref="ReactorTestCase"/>: gives it an output helper whether or not its class asks for one
/// (reactor log events go there), and under <c>TRIAL_CHECK_DETERMINISM=1</c> runs a simulated test twice and
/// compares the two traces.
/// </summary>
internal sealed class ReactorTestRunner(
    ReactorTestCase testCase,
    ITest test,
    IMessageBus messageBus,
    Type testClass,
    object[] constructorArguments,
    MethodInfo testMethod,
    object[] testMethodArguments,
    string skipReason,
    IReadOnlyList<BeforeAfterTestAttribute> beforeAfterAttributes,
    ExceptionAggregator aggregator,
    CancellationTokenSource cancellationTokenSource)
    : XunitTestRunner(test, messageBus, testClass, constructorArguments, testMethod, testMethodArguments, skipReason, beforeAfterAttributes, aggregator, cancellationTokenSource)
{
    private TestOutputHelper? _output;

    protected override async Task<Tuple<decimal, string>> InvokeTestAsync(ExceptionAggregator aggregator)
    {
        int index = Array.FindIndex(ConstructorArguments, a => a is Func<TestOutputHelper>);
        var output = new TestOutputHelper();
        if (index >= 0)
        {
            ConstructorArguments[index] = output;
        }

        output.Initialize(MessageBus, Test);
        _output = output;
        decimal time = await InvokeTestMethodAsync(aggregator);
        string text = output.Output;
        output.Uninitialize();
        if (index >= 0)
        {
            ConstructorArguments[index] = (Func<TestOutputHelper>)(() => new TestOutputHelper());
        }

        return Tuple.Create(time, text);
    }

    protected override async Task<decimal> InvokeTestMethodAsync(ExceptionAggregator aggregator)
    {
        var settings = TestMethod.GetCustomAttributes().OfType<IReactorTestAttribute>().FirstOrDefault()
            ?? new ReactorFactAttribute();
        if (testCase.Variant.Mode == ReactorMode.Simulated && TestSettings.CheckDeterminism)
        {
            return await DeterminismCheck.RunTwiceAsync(this, aggregator, settings);
        }

        return await RunOnceAsync(aggregator, settings, new RunRecord(), isRehearsal: false);
    }

    /// <summary>Runs the test once, on a fresh instance of its class, recording its trace in <paramref name="record"/>.</summary>
    internal Task<decimal> RunOnceAsync(ExceptionAggregator aggregator, IReactorTestAttribute settings, RunRecord record, bool isRehearsal) =>
        new ReactorTestInvoker(testCase, settings, isRehearsal ? null : _output, record, Test, MessageBus, TestClass, ConstructorArguments, TestMethod, TestMethodArguments, BeforeAfterAttributes, aggregator, CancellationTokenSource).RunAsync();
}
