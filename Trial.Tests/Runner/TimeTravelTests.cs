using Trial.Fixtures.Runner;
using Trial.Tests.Runner.Support;

namespace Trial.Tests.Runner;

public sealed class TimeTravelTests
{
    [Fact]
    public void StuckTest_FailsAtOnceNamingWhatItWaitsOn()
    {
        var result = FixtureResults.Single(typeof(ProblemTests), "Waits_for_a_reply_nobody_sends");

        result.Outcome.Should().Be("Failed");
        result.Message.Should().StartWith("Trial.Fixtures.Runner.ProblemTests.Waits_for_a_reply_nobody_sends (the test) is stuck at virtual time 00:00:00: nothing is ready and no delayed call is pending")
            .And.Contain("No work that escaped to the thread pool is still running. It waits on:" + Environment.NewLine + "    Trial.Fixtures.Runner.ProblemTests.Waits_for_a_reply_nobody_sends")
            .And.Contain("awaits Trial.Fixtures.Runner.ProblemTests.WaitForReply")
            .And.Contain("awaits a Task<String> that nothing has completed");
    }

    [Fact]
    public void AwaitingWorkOnTheThreadPool_WaitsForItBeforeJudgingTheTestStuck()
    {
        var result = FixtureResults.Single(typeof(ProblemTests), "Awaits_work_on_the_thread_pool");

        result.Outcome.Should().Be("Passed", result.Message);
    }

    [Fact]
    public void VirtualTimeLimit_FailsTheTestAtTheLimitSayingWhatItWaitsOn()
    {
        var result = FixtureResults.Single(typeof(ProblemTests), "Waits_past_its_virtual_time_limit");

        result.Outcome.Should().Be("Failed");
        result.Message.Should().StartWith("Trial.Fixtures.Runner.ProblemTests.Waits_past_its_virtual_time_limit (the test) did not finish within 00:01:00 of virtual time")
            .And.Contain("awaits a Task.Delay on the reactor's time")
            .And.Contain("[ReactorFact(VirtualTimeout = seconds)]");
    }

    [Fact]
    public void WallTimeLimit_FailsATestThatBlocksItsThread()
    {
        var result = FixtureResults.Single(typeof(ProblemTests), "Blocks_its_thread");

        result.Outcome.Should().Be("Failed");
        result.Message.Should().StartWith("Trial.Fixtures.Runner.ProblemTests.Blocks_its_thread did not finish within 00:00:01 of wall time");
    }

    [Fact]
    public void WaitOnABlockedThread_IsStuckAndTheMessageNamesTheWork()
    {
        var result = FixtureResults.Single(typeof(ProblemTests), "Waits_on_a_thread_that_is_blocked");

        result.Outcome.Should().Be("Failed");
        result.Message.Should().StartWith("Trial.Fixtures.Runner.ProblemTests.Waits_on_a_thread_that_is_blocked (the test) is stuck at virtual time 00:00:00: it waits on work that escaped to another thread")
            .And.Contain("awaits work on another thread: Trial.Fixtures.Runner.ProblemTests+")
            .And.Contain("<Waits_on_a_thread_that_is_blocked>b__");
    }
}
