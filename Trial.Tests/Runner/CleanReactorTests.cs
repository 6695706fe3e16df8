using Trial.Fixtures.Runner;
using Trial.Tests.Runner.Support;

namespace Trial.Tests.Runner;

public sealed class CleanReactorTests
{
    [Fact]
    public void PendingDelayedCall_FailsTheTestThatMadeItWithWhereAndWhen()
    {
        var result = FixtureResults.Single(typeof(ProblemTests), "Leaves_a_delayed_call");

        result.Outcome.Should().Be("Failed");
        result.Message.Should().StartWith("The reactor was unclean after Trial.Fixtures.Runner.ProblemTests.Leaves_a_delayed_call: 1 thing was left behind.")
            .And.Contain("- a delayed call to Trial.Fixtures.Runner.ProblemTests.Ping, due at 00:05:00")
            .And.Contain("made by Trial.Fixtures.Runner.ProblemTests.Leaves_a_delayed_call at virtual time 00:00:00, at:")
            .And.Contain("at Trial.Fixtures.Runner.ProblemTests.Leaves_a_delayed_call")
            .And.Contain("Everything listed has been cleaned up");
    }

    [Fact]
    public void CheckCleanFalse_LetsATestLeaveThingsBehind()
    {
        FixtureResults.Single(typeof(ProblemTests), "Leaves_a_delayed_call_but_opts_out").Outcome.Should().Be("Passed");
    }

    [Fact]
    public void OpenListener_FailsTheTestWithItsAddressAndOrigin()
    {
        var result = FixtureResults.Single(typeof(ProblemTests), "Leaves_a_listener");

        result.Message.Should().Contain("- a listening port on TCP:0.0.0.0:8080")
            .And.Contain("made by Trial.Fixtures.Runner.ProblemTests.Leaves_a_listener at virtual time 00:00:00, at:")
            .And.Contain("at Trial.Fixtures.Runner.ProblemTests.Leaves_a_listener");
    }

    [Fact]
    public void OpenRealListener_FailsTheRealTest()
    {
        var result = FixtureResults.Single(typeof(RealTests), "Leaves_a_listener_open");

        result.Outcome.Should().Be("Failed");
        result.Message.Should().MatchRegex(@"- a listening port on TCP:127\.0\.0\.1:\d+")
            .And.Contain("made by Trial.Fixtures.Runner.RealTests.Leaves_a_listener_open at time ");
        FixtureResults.Single(typeof(RealTests), "Listens_and_stops_over_loopback").Outcome.Should().Be("Passed");
    }

    [Fact]
    public void LeakedDeferredFailure_FailsTheTestThatLeakedIt()
    {
        var result = FixtureResults.Single(typeof(ProblemTests), "Leaks_a_deferred_failure");

        result.Outcome.Should().Be("Failed");
        result.Message.Should().Contain("- a deferred failure nobody handled (reported at virtual time 00:00:00): Unhandled error in Deferred<Int32>")
            .And.Contain("made by Trial.Fixtures.Runner.ProblemTests.Leaks_a_deferred_failure at virtual time 00:00:00, at:")
            .And.Contain("at Trial.Fixtures.Runner.ProblemTests.FailUnhandled")
            .And.Contain("System.TimeoutException: the reply never came");
    }

    [Fact]
    public void LoggedError_FailsTheTestUnlessFlushed()
    {
        var logged = FixtureResults.Single(typeof(ProblemTests), "Logs_an_error");
        logged.Outcome.Should().Be("Failed");
        logged.Message.Should().Contain("- an error logged by Trial.Fixtures.Runner.ProblemTests.Logs_an_error at virtual time 00:00:00 and never flushed: [Fixture.Server] Lost the database")
            .And.Contain("System.InvalidOperationException: database gone");

        FixtureResults.Single(typeof(ProblemTests), "Logs_an_error_and_flushes_it").Outcome.Should().Be("Passed");
    }

    [Fact]
    public void LogEvents_GoToTheTestOutput()
    {
        FixtureResults.Single(typeof(ProblemTests), "Logs_information").Output
            .Should().Be($"[00:00:00] Information [Fixture.Server] Listening on 8080{Environment.NewLine}");
    }
}
