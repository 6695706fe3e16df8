using Trial.Fixtures.Runner;
using Trial.Tests.Runner.Support;

namespace Trial.Tests.Runner;

public sealed class ReturnTypeTests
{
    [Fact]
    public void Deferred_RunsOnVirtualTimeUntilItFires()
    {
        FixtureResults.Single(typeof(ReturnTests), "Returns_a_deferred_that_fires_later").Outcome.Should().Be("Passed");
    }

    [Fact]
    public void FailedDeferred_FailsTheTestWithItsException()
    {
        var result = FixtureResults.Single(typeof(ReturnTests), "Returns_a_deferred_that_fails");

        result.Outcome.Should().Be("Failed");
        result.Message.Should().StartWith("System.InvalidOperationException: the deferred failed on purpose");
    }

    [Fact]
    public void ValueTasks_RunOnVirtualTimeAndTheirFailuresFailTheTest()
    {
        FixtureResults.Single(typeof(ReturnTests), "Returns_a_value_task").Outcome.Should().Be("Passed");
        var failed = FixtureResults.Single(typeof(ReturnTests), "Returns_a_value_task_that_fails");
        failed.Outcome.Should().Be("Failed");
        failed.Message.Should().StartWith("System.InvalidOperationException: the value task failed on purpose at 00:00:03");
    }

    [Fact]
    public void TaskNeverStarted_FailsSayingToReturnARunningTask()
    {
        FixtureResults.Single(typeof(ReturnTests), "Returns_a_task_never_started").Message
            .Should().StartWith("System.InvalidOperationException: The test method returned a Task that was never started; return a running task (an async method's).");
    }

    [Fact]
    public void AwaitingATaskNeverStarted_IsStuckAndTheMessageSaysToStartIt()
    {
        var result = FixtureResults.Single(typeof(ReturnTests), "Awaits_a_task_never_started");

        result.Message.Should().StartWith("Trial.Fixtures.Runner.ReturnTests.Awaits_a_task_never_started (the test) is stuck at virtual time 00:00:00")
            .And.Contain("awaits a task of Trial.Fixtures.Runner.ReturnTests.NeverStarted that was never started: call its Start(), or make it with Task.Run");
    }

    [Fact]
    public void FailingTearDown_FailsAPassingTestAndIsReportedWithAFailedOne()
    {
        FixtureResults.Single(typeof(TearDownTests), "Passes_before_a_failing_tear_down").Message
            .Should().StartWith("System.IO.IOException: the tear-down failed on purpose");
        FixtureResults.Single(typeof(TearDownTests), "Fails_before_a_failing_tear_down").Message
            .Should().StartWith("System.AggregateException: One or more errors occurred. (the test failed on purpose) (the tear-down failed on purpose)");
    }

    [Fact]
    public void ConstructorOutputHelper_AndOutput_WriteToTheTestsOutputInEachMode()
    {
        var results = FixtureResults.Of(typeof(OutputTests));

        results.Select(r => (r.DisplayName, r.Outcome, r.Output)).Should().BeEquivalentTo(new[]
        {
            ("Trial.Fixtures.Runner.OutputTests.Writes_to_both_outputs(mode: simulated)", "Passed",
                $"constructor's helper in mode Simulated{Environment.NewLine}Output in mode Simulated{Environment.NewLine}"),
            ("Trial.Fixtures.Runner.OutputTests.Writes_to_both_outputs(mode: real)", "Passed",
                $"constructor's helper in mode Real{Environment.NewLine}Output in mode Real{Environment.NewLine}"),
        });
    }

    [Fact]
    public void TheorySeedSweep_MakesOneCasePerRowAndSeed()
    {
        FixtureResults.Of(typeof(TheoryTests)).Where(r => r.DisplayName.Contains("Sweeps_each_row", StringComparison.Ordinal))
            .Select(r => (r.DisplayName, r.Outcome)).Should().BeEquivalentTo(new[]
            {
                ("Trial.Fixtures.Runner.TheoryTests.Sweeps_each_row(row: \"a\", seed: 5)", "Passed"),
                ("Trial.Fixtures.Runner.TheoryTests.Sweeps_each_row(row: \"a\", seed: 6)", "Passed"),
            });
    }

    [Fact]
    public void TheoryDataThatDoesNotSerialize_FailsSayingWhatDataWorks()
    {
        var result = FixtureResults.Single(typeof(TheoryTests), "Takes_data_that_does_not_serialize");

        result.Outcome.Should().Be("Failed");
        result.Message.Should().StartWith("The data of [ReactorTheory] Trial.Fixtures.Runner.TheoryTests.Takes_data_that_does_not_serialize could not be listed before the run: each row must be serializable");
    }
}
