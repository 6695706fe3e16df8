using System.Text.RegularExpressions;
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
            .And.Contain("- on host test: a delayed call to Trial.Fixtures.Runner.ProblemTests.Ping, due at 00:05:00")
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

        result.Message.Should().Contain("- on host test: a listening port on TCP:10.0.0.1:8080")
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
    public void OpenRealConnections_FailTheRealTestAndNameWhereTheyWereMade()
    {
        var result = FixtureResults.Single(typeof(RealTests), "Leaves_a_connection_open");

        result.Outcome.Should().Be("Failed");
        result.Message.Should().Contain("2 things were left behind");
        // The reactor thread makes both connections, where no test code is on the stack: each names the test's
        // frames that made it (the connect, and the listen that accepted it), first, not an empty stack.
        var origins = Regex.Matches(result.Message, @"made by Trial\.Fixtures\.Runner\.RealTests\.Leaves_a_connection_open at time [^\n]*, at:\r?\n\s+at Trial\.Fixtures\.Runner\.RealTests\+<Leaves_a_connection_open>");
        origins.Should().HaveCount(2, "each connection's origin shows the test's frame:\n" + result.Message);
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

    [Fact]
    public void OpenConnection_IsListedOnBothHostsWithWhenItWasMade()
    {
        var result = FixtureResults.Single(typeof(ProblemTests), "Leaves_a_connection_open");

        result.Message.Should().StartWith("The reactor was unclean after Trial.Fixtures.Runner.ProblemTests.Leaves_a_connection_open: 2 things were left behind.")
            .And.Contain("- on host test: an open connection from TCP:10.0.0.1:49152 to TCP:10.0.0.2:7")
            .And.Contain("- on host server: an open connection from TCP:10.0.0.2:7 to TCP:10.0.0.1:49152")
            .And.Contain("made by Trial.Fixtures.Runner.ProblemTests.Leaves_a_connection_open at virtual time 00:00:00.0010000");
    }

    [Fact]
    public void OpenUdpPort_FailsTheTestWithItsAddress()
    {
        FixtureResults.Single(typeof(ProblemTests), "Leaves_a_udp_port_open").Message
            .Should().Contain("- on host test: an open UDP port on UDP:10.0.0.1:53")
            .And.Contain("at Trial.Fixtures.Runner.ProblemTests.Leaves_a_udp_port_open");
    }

    [Fact]
    public void PendingConnectionAttempt_FailsTheTestThatStartedIt()
    {
        var result = FixtureResults.Single(typeof(ProblemTests), "Leaves_a_connection_attempt_pending");

        result.Outcome.Should().Be("Failed");
        result.Message.Should().StartWith("The reactor was unclean after Trial.Fixtures.Runner.ProblemTests.Leaves_a_connection_attempt_pending: 1 thing was left behind.")
            .And.Contain("- on host test: a connection attempt to TCP:server:7, still Connecting")
            .And.Contain("made by Trial.Fixtures.Runner.ProblemTests.Leaves_a_connection_attempt_pending at virtual time 00:00:00, at:");
    }

    [Fact]
    public void ProtocolCallbackThatThrows_IsALoggedErrorNamingTheHost()
    {
        var result = FixtureResults.Single(typeof(ProblemTests), "Has_a_server_whose_callback_throws");

        result.Outcome.Should().Be("Failed");
        result.Message.Should().StartWith("The reactor was unclean after Trial.Fixtures.Runner.ProblemTests.Has_a_server_whose_callback_throws: 1 thing was left behind.")
            .And.Contain("and never flushed: [Trial.Fakes.Simulation.SimulatedNetwork] A protocol callback on SimulatedTransport(server TCP:10.0.0.2:7 -> TCP:10.0.0.1:49152, connection 1) threw (on host server)")
            .And.Contain("System.FormatException: the server could not parse a request");
    }

    [Fact]
    public void FailingCleanup_FailsTheTestNamingTheCleanup()
    {
        FixtureResults.Single(typeof(ProblemTests), "Has_a_cleanup_that_fails").Message
            .Should().StartWith("System.InvalidOperationException: The cleanup ProblemTests.CloseTheDatabase of Trial.Fixtures.Runner.ProblemTests.Has_a_cleanup_that_fails failed: the database was already closed");
    }

    [Fact]
    public void PlainFact_FailsOnAnErrorItLoggedAndDidNotFlush()
    {
        FixtureResults.Single(typeof(HelperTests), "Plain_fact_logs_an_error_it_does_not_flush").Message
            .Should().StartWith("The reactor was unclean after Trial.Fixtures.Runner.HelperTests: 1 thing was left behind.")
            .And.Contain("and never flushed: [Fixture.Plain] Lost the cache")
            .And.Contain("System.InvalidOperationException: cache gone");
    }

    [Fact]
    public void PlainFact_FailingCleanupFailsItAndTheOtherCleanupsStillRun()
    {
        FixtureResults.Single(typeof(HelperTests), "Plain_fact_has_a_cleanup_that_fails").Message
            .Should().StartWith("The cleanup HelperTests.DropTheCache of Trial.Fixtures.Runner.HelperTests failed: the cache was already dropped");
        Outcomes.Recorded.Should().Contain("plain cleanup that runs after the failing one");
    }
}
