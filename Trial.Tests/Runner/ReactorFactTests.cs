using System.Text.RegularExpressions;
using Trial.Fixtures.Runner;
using Trial.Runner.Sdk;
using Trial.Tests.Runner.Support;

namespace Trial.Tests.Runner;

public sealed partial class ReactorFactTests
{
    [Fact]
    public void PassingTest_Passes()
    {
        FixtureResults.Single(typeof(BasicTests), "Passes_on_virtual_time").Outcome.Should().Be("Passed");
    }

    [Fact]
    public void ThirtyVirtualMinutes_PassWithTheClockAtThirtyMinutes()
    {
        // The fixture asserts Clock.Now == 30 min after its WaitAsync timed out; wall time is measured in bench/, not here.
        FixtureResults.Single(typeof(BasicTests), "Waits_out_a_30_minute_timeout").Outcome.Should().Be("Passed");
    }

    [Fact]
    public void FailingSimulatedTest_ReportsItsFailureSeedAndReplayCommand()
    {
        var result = FixtureResults.Single(typeof(BasicTests), "Fails_with_an_assertion");

        result.Outcome.Should().Be("Failed");
        result.Message.Should().StartWith("Expected 5s because the fixture fails on purpose");
        ulong seed = ReactorTestVariant.SeedFromName("Trial.Fixtures.Runner.BasicTests.Fails_with_an_assertion");
        result.Message.Should().Contain($"Simulated run with seed {seed}, ended at virtual time 00:00:00.")
            .And.Contain($"Replay: TRIAL_SEED={seed} dotnet test --filter \"FullyQualifiedName=Trial.Fixtures.Runner.BasicTests.Fails_with_an_assertion\"")
            .And.Contain("Network trace: the last 0 of 0 events")
            .And.Contain("Fault coverage: faults 0")
            .And.Contain("Whole trace (JSON lines, one event a line): ");
    }

    [Fact]
    public void BothModeTheory_MakesOneCasePerRowAndMode()
    {
        FixtureResults.Of(typeof(BasicTests)).Where(r => r.DisplayName.Contains("Runs_each_row_in_each_mode", StringComparison.Ordinal))
            .Select(r => (r.DisplayName[(r.DisplayName.IndexOf('(', StringComparison.Ordinal) + 1)..^1], r.Outcome))
            .Should().BeEquivalentTo(new[]
            {
                ("seconds: 1, mode: simulated", "Passed"),
                ("seconds: 1, mode: real", "Passed"),
                ("seconds: 2, mode: simulated", "Passed"),
                ("seconds: 2, mode: real", "Passed"),
            });
    }

    [Fact]
    public void SeedSweep_ShowsEachCaseWithItsSeed()
    {
        FixtureResults.Of(typeof(SweepTests)).Where(r => r.DisplayName.Contains("Fails_for_some_seeds", StringComparison.Ordinal))
            .Select(r => (r.DisplayName[r.DisplayName.IndexOf('(', StringComparison.Ordinal)..], r.Outcome))
            .Should().BeEquivalentTo(new[]
            {
                ("(seed: 100)", "Passed"), ("(seed: 101)", "Passed"), ("(seed: 102)", "Failed"),
                ("(seed: 103)", "Passed"), ("(seed: 104)", "Passed"), ("(seed: 105)", "Failed"),
            });
    }

    [Fact]
    public void SeedPrintedByAFailingSweep_ReplaysTheSameFailureWithTheSameTraceHash()
    {
        var failed = FixtureResults.Of(typeof(SweepTests)).First(r => r.Outcome == "Failed" && r.DisplayName.Contains("Fails_for_some_seeds", StringComparison.Ordinal));
        string seed = ReplaySeed().Match(failed.Message).Groups[1].Value;
        string hash = TraceHash().Match(failed.Message).Groups[1].Value;

        var replay = FixtureRunner.Run(typeof(SweepTests), new Dictionary<string, string?> { [TestSettings.SeedVariable] = seed });

        var again = FixtureResults.Single(replay, $"Fails_for_some_seeds(seed: {seed})");
        again.Outcome.Should().Be("Failed");
        TraceHash().Match(again.Message).Groups[1].Value.Should().Be(hash);
        again.Output.Should().Be(failed.Output);
    }

    [Fact]
    public void TrialSeeds_MakesEverySimulatedTestASweep()
    {
        var cases = FixtureRunner.Discover(typeof(SweepTests), new Dictionary<string, string?> { [TestSettings.SeedsVariable] = "3" });

        cases.Select(c => c.DisplayName).Where(n => n.Contains("Reads_the_wall_clock", StringComparison.Ordinal)).Should().HaveCount(3)
            .And.OnlyContain(n => n.Contains("(seed: ", StringComparison.Ordinal));
    }

    [Fact]
    public void TrialModeReal_NarrowsBothModeTestsToRealMode()
    {
        var cases = FixtureRunner.Discover(typeof(BasicTests), new Dictionary<string, string?> { [TestSettings.ModeVariable] = "real" });

        cases.Select(c => c.DisplayName).Where(n => n.Contains("Runs_each_row", StringComparison.Ordinal))
            .Should().BeEquivalentTo(["Trial.Fixtures.Runner.BasicTests.Runs_each_row_in_each_mode(seconds: 1)", "Trial.Fixtures.Runner.BasicTests.Runs_each_row_in_each_mode(seconds: 2)"]);
        cases.Select(c => c.DisplayName).Should().Contain("Trial.Fixtures.Runner.BasicTests.Passes_on_virtual_time", "simulated-only tests stay simulated");
    }

    [Fact]
    public void MalformedKnob_BecomesAFailingTestThatSaysWhatIsWrong()
    {
        var cases = FixtureRunner.Discover(typeof(SweepTests), new Dictionary<string, string?> { [TestSettings.SeedVariable] = "abc" });

        cases.Should().AllBeOfType<Xunit.Sdk.ExecutionErrorTestCase>();
        ((Xunit.Sdk.ExecutionErrorTestCase)cases[0]).ErrorMessage.Should().Be("TRIAL_SEED is 'abc', which is not a seed: give a whole number from 0 to 18446744073709551615.");
    }

    [Fact]
    public void CheckDeterminism_FailsATestThatReadsTheWallClockAndPassesOneThatDoesNot()
    {
        var results = FixtureRunner.Run(typeof(SweepTests), new Dictionary<string, string?> { [TestSettings.CheckDeterminismVariable] = "1" });

        var wall = FixtureResults.Single(results, "Reads_the_wall_clock");
        wall.Outcome.Should().Be("Failed");
        wall.Message.Should().Contain("Two runs with the same seed differed at log event 1:")
            .And.MatchRegex(@"first run:  \[00:00:00\] Information \[Fixture.Sweep\] Wall time \d+")
            .And.MatchRegex(@"second run: \[00:00:00\] Information \[Fixture.Sweep\] Wall time \d+");
        FixtureResults.Single(results, "Fails_for_some_seeds(seed: 100)").Outcome.Should().Be("Passed");
    }

    [Fact]
    public void TrialTrace_WritesTheTraceOfEverySimulatedRun()
    {
        string folder = Path.Combine(Path.GetTempPath(), "trial-tests", Path.GetRandomFileName());
        try
        {
            FixtureRunner.Run(typeof(SweepTests), new Dictionary<string, string?> { [TestSettings.TraceVariable] = folder });

            string stem = Path.Combine(folder, "Trial.Fixtures.Runner.SweepTests.Fails_for_some_seeds-seed-100");
            File.ReadAllLines(stem + ".log").Should().HaveCount(5).And.AllSatisfy(l => l.Should().Contain("[Fixture.Sweep] Step"));
            File.ReadAllLines(stem + ".jsonl").Should().HaveCountGreaterThan(10).And.AllSatisfy(l => l.Should().StartWith("{\"index\":"));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void FailingSimulatedTest_WritesItsTraceAndSequenceDiagramToFilesNamedInTheMessage()
    {
        var failed = FixtureResults.Single(typeof(SweepTests), "Fails_for_some_seeds(seed: 102)");

        string trace = WholeTrace().Match(failed.Message).Groups[1].Value;
        string diagram = Diagram().Match(failed.Message).Groups[1].Value;
        diagram.Should().Be(Path.ChangeExtension(trace, ".svg"));
        File.ReadAllLines(trace).Should().HaveCountGreaterThan(10).And.AllSatisfy(l => l.Should().StartWith("{\"index\":"));
        string svg = File.ReadAllText(diagram);
        svg.Should().StartWith("<svg ")
            .And.Contain("Trial.Fixtures.Runner.SweepTests.Fails_for_some_seeds, seed 102")
            .And.Contain(">server</text>")
            .And.Contain(">test</text>")
            .And.EndWith("</svg>\n");
    }

    [Fact]
    public void CheckDeterminism_NamesTheFirstNetworkEventWhereTheRunsDiffer()
    {
        var results = FixtureRunner.Run(typeof(DeterminismTests), new Dictionary<string, string?> { [TestSettings.CheckDeterminismVariable] = "1" });

        var result = FixtureResults.Single(results, "Listens_on_a_port_chosen_by_static_state");
        result.Outcome.Should().Be("Failed");
        result.Message.Should().MatchRegex(@"^Two runs with the same seed differed at network trace event 0:\r?\n  first run:  #0 0\.0000000s test Listen: TCP 10\.0\.0\.1:(\d+)\r?\n  second run: #0 0\.0000000s test Listen: TCP 10\.0\.0\.1:(\d+)")
            .And.Contain("not decided by the seed");
    }

    [Fact]
    public void TraceThatCannotBeWritten_FailsTheTestSayingWhy()
    {
        string file = Path.GetTempFileName();
        try
        {
            var results = FixtureRunner.Run(typeof(DeterminismTests), new Dictionary<string, string?> { [TestSettings.TraceVariable] = file });

            var result = FixtureResults.Single(results, "Listens_on_a_port_chosen_by_static_state");
            result.Outcome.Should().Be("Failed");
            result.Message.Should().StartWith("System.IO.IOException: The trace of Trial.Fixtures.Runner.DeterminismTests.Listens_on_a_port_chosen_by_static_state could not be written: ");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("sim", "Trial.Fixtures.Runner.BasicTests.Runs_each_row_in_each_mode(seconds: 1)")]
    [InlineData("simulated", "Trial.Fixtures.Runner.BasicTests.Runs_each_row_in_each_mode(seconds: 1)")]
    [InlineData("both", "Trial.Fixtures.Runner.BasicTests.Runs_each_row_in_each_mode(seconds: 1, mode: simulated)")]
    public void TrialMode_NamesAModeForBothModeTests(string mode, string firstCase)
    {
        var cases = FixtureRunner.Discover(typeof(BasicTests), new Dictionary<string, string?> { [TestSettings.ModeVariable] = mode });

        cases.Select(c => c.DisplayName).Where(n => n.Contains("Runs_each_row", StringComparison.Ordinal)).Should().Contain(firstCase)
            .And.HaveCount(mode == "both" ? 4 : 2);
    }

    [Fact]
    public void TrialMode_MalformedBecomesAFailingTestThatSaysWhatIsWrong()
    {
        var cases = FixtureRunner.Discover(typeof(BasicTests), new Dictionary<string, string?> { [TestSettings.ModeVariable] = "fast" });

        cases.OfType<Xunit.Sdk.ExecutionErrorTestCase>().Select(c => (c.DisplayName, c.ErrorMessage)).Should().BeEquivalentTo(
            new[] { 1, 2 }.Select(_ => ("Trial.Fixtures.Runner.BasicTests.Runs_each_row_in_each_mode", "TRIAL_MODE is 'fast', which is not a mode: give real, simulated or both.")),
            "only the both-mode test reads the knob, once a row");
    }

    [GeneratedRegex(@"Whole trace \(JSON lines, one event a line\): (\S+)")]
    private static partial Regex WholeTrace();

    [GeneratedRegex(@"Sequence diagram [^:]*: (\S+)")]
    private static partial Regex Diagram();

    [GeneratedRegex(@"Replay: TRIAL_SEED=(\d+) ")]
    private static partial Regex ReplaySeed();

    [GeneratedRegex(@"\(hash ([0-9a-f]+)\)")]
    private static partial Regex TraceHash();
}
