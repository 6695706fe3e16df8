using Trial.Cli.Model;
using Xunit.Abstractions;

namespace Trial.Cli.Loading;

/// <summary>
/// Turns xunit's execution messages into <see cref="TestResult"/>s, as they arrive. Cleanup
/// failures (a test's Dispose, a class or collection fixture) and catastrophic errors become ERROR
/// results of their own, named after what failed, as Twisted reports cleanup errors.
/// </summary>
internal sealed class ExecutionSink : IMessageSink, IDisposable
{
    private readonly Dictionary<string, DiscoveredTest> byUniqueId;
    private readonly OutcomeClassifier classifier;
    private readonly Action<TestResult> report;

    /// <summary>Creates a sink for a run of <paramref name="tests"/>.</summary>
    public ExecutionSink(IReadOnlyList<DiscoveredTest> tests, OutcomeClassifier classifier, Action<TestResult> report)
    {
        byUniqueId = new Dictionary<string, DiscoveredTest>(tests.Count, StringComparer.Ordinal);
        foreach (var test in tests)
        {
            byUniqueId.TryAdd(test.Case.UniqueID, test);
        }

        this.classifier = classifier;
        this.report = report;
    }

    /// <summary>Set when xunit reports the run finished.</summary>
    public ManualResetEventSlim Finished { get; } = new();

    /// <inheritdoc/>
    public bool OnMessage(IMessageSinkMessage message)
    {
        switch (message)
        {
            case ITestPassed passed:
                Report(passed, TestOutcome.Ok, "");
                break;
            case ITestFailed failed:
                Report(failed, classifier.Classify(failed.ExceptionTypes.FirstOrDefault()), FailureText.Format(failed));
                break;
            case ITestSkipped skipped:
                Report(skipped, TestOutcome.Skipped, skipped.Reason);
                break;
            case ITestCleanupFailure cleanup:
                ReportCleanup(Name(cleanup.Test) with { Leaf = Name(cleanup.Test).Leaf + " (cleanup)" }, cleanup, cleanup.TestCase.UniqueID);
                break;
            case ITestClassCleanupFailure cleanup:
                ReportCleanup(TestName.From(cleanup.TestClass.Class.Name, "(class cleanup)"), cleanup);
                break;
            case ITestCollectionCleanupFailure cleanup:
                ReportCleanup(new TestName("", cleanup.TestCollection.DisplayName, "(collection cleanup)"), cleanup);
                break;
            case IErrorMessage error:
                ReportCleanup(new TestName("", "(xunit)", "(error)"), error);
                break;
            case ITestAssemblyFinished:
                Finished.Set();
                break;
        }

        return true;
    }

    /// <inheritdoc/>
    public void Dispose() => Finished.Dispose();

    private void Report(ITestResultMessage result, TestOutcome outcome, string detail)
    {
        var todo = byUniqueId.TryGetValue(result.TestCase.UniqueID, out var test) ? test.TodoReason : null;
        if (todo is not null)
        {
            outcome = outcome switch
            {
                TestOutcome.Ok => TestOutcome.UnexpectedSuccess,
                TestOutcome.Fail or TestOutcome.Error => TestOutcome.Todo,
                _ => outcome,
            };
        }

        report(new TestResult(Name(result.Test), outcome, detail, (double)result.ExecutionTime, result.Output ?? "", todo, result.TestCase.UniqueID));
    }

    private void ReportCleanup(TestName name, IFailureInformation failure, string? caseId = null) =>
        report(new TestResult(name, TestOutcome.Error, FailureText.Format(failure), 0, "", CaseId: caseId));

    private static TestName Name(ITest test) =>
        TestName.From(test.TestCase.TestMethod.TestClass.Class.Name, test.DisplayName);
}
