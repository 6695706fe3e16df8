using System.Text.RegularExpressions;
using Trial.Fixtures.Runner;
using Trial.Runner.Sdk;
using Trial.Tests.Runner.Support;

namespace Trial.Tests.Runner;

public sealed partial class NetworkOptionsHookTests
{
    [Fact]
    public void CreateNetworkOptions_GivesTheTestItsLinksAndIsAskedOncePerRunWithTheMethodAndSeed()
    {
        FixtureResults.Single(typeof(NetworkOptionsTests), "Runs_on_the_links_its_class_gives").Outcome.Should().Be("Passed");
        FixtureResults.Single(typeof(NetworkOptionsTests), "Runs_on_the_default_network_when_the_class_gives_nothing_for_it").Outcome.Should().Be("Passed");

        ulong seed = ReactorTestVariant.SeedFromName("Trial.Fixtures.Runner.NetworkOptionsTests.Runs_on_the_links_its_class_gives");
        Outcomes.Recorded.Should().ContainSingle(r => r == $"options for Runs_on_the_links_its_class_gives, seed {seed}");
        Outcomes.Recorded.Should().Contain(["options for Sweeps_seeds_over_jittery_links, seed 10", "options for Sweeps_seeds_over_jittery_links, seed 12"]);
    }

    [Fact]
    public void CreateNetworkOptions_KeepsTheRunnersErrorLoggingBesideTheClassHandler()
    {
        FixtureResults.Single(typeof(NetworkOptionsTests), "Calls_the_class_error_handler_and_logs_the_error").Outcome.Should().Be("Passed");

        Outcomes.Recorded.Should().Contain("class handler: the server could not parse a request on server");
    }

    [Fact]
    public void CreateNetworkOptions_LeavesTheNetworkToTheSeed_SoSeedsDifferAndAFailingSeedReplaysWithItsTraceHash()
    {
        var sweep = FixtureResults.Of(typeof(NetworkOptionsTests)).Where(r => r.DisplayName.Contains("Sweeps_seeds_over_jittery_links", StringComparison.Ordinal)).ToList();
        sweep.Select(r => (r.DisplayName[r.DisplayName.IndexOf('(', StringComparison.Ordinal)..], r.Outcome))
            .Should().BeEquivalentTo(new[] { ("(seed: 10)", "Passed"), ("(seed: 11)", "Failed"), ("(seed: 12)", "Passed") });
        var hashes = Outcomes.Recorded.Select(r => SweepHash().Match(r)).Where(m => m.Success)
            .GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => g.Select(m => m.Groups[2].Value).Distinct().Single());
        hashes.Values.Should().OnlyHaveUniqueItems("the seed drives the network's random source, so jitter differs from seed to seed");
        var failed = sweep.Single(r => r.Outcome == "Failed");
        TraceHash().Match(failed.Message).Groups[1].Value.Should().Be(hashes["11"]);

        var replay = FixtureRunner.Run(typeof(NetworkOptionsTests), new Dictionary<string, string?> { [TestSettings.SeedVariable] = "11" });

        var again = FixtureResults.Single(replay, "Sweeps_seeds_over_jittery_links(seed: 11)");
        again.Outcome.Should().Be("Failed");
        TraceHash().Match(again.Message).Groups[1].Value.Should().Be(hashes["11"]);
    }

    [Fact]
    public void CreateNetworkOptions_ThatTheNetworkRejects_FailsTheTestNamingTheHookBeforeTheTestRuns()
    {
        var result = FixtureResults.Single(typeof(NetworkOptionsTests), "Asks_for_options_the_network_rejects");

        result.Outcome.Should().Be("Failed");
        result.Message.Should().StartWith(
            "System.InvalidOperationException: Trial.Fixtures.Runner.NetworkOptionsTests.CreateNetworkOptions(\"Asks_for_options_the_network_rejects\") gave no usable network options, " +
            "so Trial.Fixtures.Runner.NetworkOptionsTests.Asks_for_options_the_network_rejects has no network: LowWaterMark (4096) must not exceed HighWaterMark (1024).");
        Outcomes.Recorded.Should().NotContain("the test ran without its network");
    }

    [GeneratedRegex(@"^seed (\d+): trace hash (\w+)$")]
    private static partial Regex SweepHash();

    [GeneratedRegex(@"of \d+ events \(hash (\w+)\)")]
    private static partial Regex TraceHash();
}
