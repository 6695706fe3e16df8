using Trial.Fixtures.Runner;
using Trial.Tests.Runner.Support;

namespace Trial.Tests.Runner;

public sealed class RealModeTests
{
    [Fact]
    public void FailingRealTest_FailsWithItsAssertionAndNoReplayReport()
    {
        var result = FixtureResults.Single(typeof(RealTests), "Fails_in_real_mode");

        result.Outcome.Should().Be("Failed");
        // FluentAssertions names the subject from the source file when it can read it ("Reactor.Now"), else "time".
        result.Message.Should().MatchRegex("^Expected (Reactor.Now|time) to be negative because the fixture fails on purpose")
            .And.NotContain("Replay:", "a real run has no seed to replay");
    }

    [Fact]
    public void RealTestPastItsLimit_FailsNamingTheLimitAndHowToRaiseIt()
    {
        var result = FixtureResults.Single(typeof(RealTests), "Waits_past_its_real_time_limit");

        result.Outcome.Should().Be("Failed");
        result.Message.Should().Be(
            "Trial.Fixtures.Runner.RealTests.Waits_past_its_real_time_limit: the test did not finish within 00:00:00.5000000 (in real mode the limit is the lesser of VirtualTimeout and WallTimeout). " +
            "Raise the limit with [ReactorFact(VirtualTimeout = seconds, WallTimeout = seconds)], or find what it waits on.");
    }
}
