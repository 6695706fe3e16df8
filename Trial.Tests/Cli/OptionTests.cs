namespace Trial.Tests.Cli;

/// <summary>The trial command's run options on the fixture assembly.</summary>
[Collection(CliCollection.Name)]
public sealed class OptionTests
{
    [Fact]
    public void UntilFailure_RunsRoundsUntilOneFails()
    {
        using var fixture = new CliHarness();

        var (exit, output, _) = CliHarness.Run(fixture.Fixture, "--until-failure", "--filter", "Flaky");

        exit.Should().Be(1);
        output.Should().Contain("Test Pass 1\n").And.Contain("Test Pass 3\n").And.NotContain("Test Pass 4");
        output.Split("PASSED (successes=1)").Should().HaveCount(3, "the first two rounds pass");
        output.Should().EndWith("FAILED (failures=1)\n");
    }

    [Fact]
    public void Random_IsReproducibleFromItsSeed()
    {
        using var fixture = new CliHarness();

        var first = CliHarness.Run(fixture.Fixture, "--random", "7", "--list").Out;
        var again = CliHarness.Run(fixture.Fixture, "--random", "7", "--list").Out;
        var other = CliHarness.Run(fixture.Fixture, "--random", "8", "--list").Out;
        var sorted = CliHarness.Run(fixture.Fixture, "--list").Out;

        first.Should().StartWith("Running tests shuffled with seed 7\n\n");
        again.Should().Be(first);
        Lines(other).Should().NotEqual(Lines(first));
        Lines(first).Order(StringComparer.Ordinal).Should().Equal(Lines(sorted).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Random_Zero_PicksAndPrintsASeed()
    {
        using var fixture = new CliHarness();

        var output = CliHarness.Run(fixture.Fixture, "--random", "0", "--list").Out;

        output.Should().MatchRegex(@"^Running tests shuffled with seed [1-9]\d*\n\n");
    }

    [Fact]
    public void Order_TopToBottom_KeepsDeclarationOrderWithinAClass()
    {
        using var fixture = new CliHarness();

        var output = CliHarness.Run(fixture.Fixture, "--order", "toptobottom", "--list", "--filter", "ConnectionTests").Out;

        Lines(output).Select(l => l.Split('.')[^1]).Should().Equal(
            "Connects", "Reports_refusal", "Connects_over_ipv6", "Reconnects", "Half_closes");
    }

    [Fact]
    public void Shards_AreDisjointAndTogetherTheWholeSuite()
    {
        using var fixture = new CliHarness();
        var all = Lines(CliHarness.Run(fixture.Fixture, "--list").Out);

        var shards = Enumerable.Range(1, 3)
            .Select(k => Lines(CliHarness.Run(fixture.Fixture, "--list", "--shard", $"{k}/3").Out))
            .ToList();

        shards.SelectMany(s => s).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(all);
        shards.Should().OnlyContain(s => s.Count > 0);
    }

    [Fact]
    public void Jobs2_ReportsExactlyAsASerialRun()
    {
        using var fixture = new CliHarness();

        var serial = CliHarness.Run(fixture.Fixture, "--random", "3");
        var parallel = CliHarness.Run(fixture.Fixture, "--random", "3", "--jobs", "2");

        parallel.Exit.Should().Be(serial.Exit);
        CliHarness.Mask(parallel.Out).Should().Be(CliHarness.Mask(serial.Out));
    }

    [Fact]
    public void LastFailed_RunsOnlyWhatFailedLastTime_AndFailedFirstPutsItFirst()
    {
        using var fixture = new CliHarness();
        CliHarness.Run(fixture.Fixture).Exit.Should().Be(1);

        var lastFailed = CliHarness.Run(fixture.Fixture, "--last-failed", "--list").Out;
        var failedFirst = CliHarness.Run(fixture.Fixture, "--failed-first", "--list").Out;

        string[] failed =
        [
            "Trial.Fixtures.Cli.Arithmetic.DivisionTests.Divides_by_zero",
            "Trial.Fixtures.Cli.Arithmetic.DivisionTests.Rounds_towards_zero",
            "Trial.Fixtures.Cli.Network.ConnectionTests.Reports_refusal",
        ];
        Lines(lastFailed).Should().Equal(failed);
        Lines(failedFirst).Take(3).Should().Equal(failed);
        Lines(failedFirst).Should().HaveCount(15);
        File.ReadAllLines(Path.Combine(fixture.Folder, ".trial", "last-failed")).Should().BeEquivalentTo(failed);
    }

    [Fact]
    public void ExitFirst_StopsAtTheFirstProblem()
    {
        using var fixture = new CliHarness();

        var (exit, output, _) = CliHarness.Run(fixture.Fixture, "--exitfirst", "--reporter", "verbose");

        exit.Should().Be(1);
        output.Should().Contain("Divides_by_zero ... [ERROR]").And.NotContain("Divides_evenly");
        output.Should().Contain("Ran 5 tests");
    }

    [Fact]
    public void SeedsFrom_RunsOncePerSeed_AndRecordsFailingSeeds()
    {
        using var fixture = new CliHarness();
        var seeds = Path.Combine(fixture.Folder, "seeds");
        File.WriteAllText(seeds, "# a corpus\n11\n12\n");

        var (exit, output, _) = CliHarness.Run(fixture.Fixture, "--seeds-from", seeds, "--filter", "DivisionTests", "--reporter", "verbose");

        exit.Should().Be(1);
        output.Should().Contain("TRIAL_SEED=11\n").And.Contain("TRIAL_SEED=12\n").And.Contain("Ran 6 tests");
        File.ReadAllLines(Path.Combine(fixture.Folder, ".trial", "failing-seeds")).Should().Equal("11", "12");
        Environment.GetEnvironmentVariable("TRIAL_SEED").Should().BeNull("the command puts the environment back");
    }

    [Fact]
    public void JUnitAndJson_CarryEveryResult()
    {
        using var fixture = new CliHarness();
        var junit = Path.Combine(fixture.Folder, "out", "junit.xml");
        var json = Path.Combine(fixture.Folder, "out", "results.json");

        CliHarness.Run(fixture.Fixture, "--junit", junit, "--json", json);

        var suites = System.Xml.Linq.XDocument.Load(junit).Root!;
        suites.Attribute("tests")!.Value.Should().Be("15");
        suites.Attribute("failures")!.Value.Should().Be("1");
        suites.Attribute("errors")!.Value.Should().Be("2");
        suites.Descendants("testcase").Should().HaveCount(15);
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
        document.RootElement.GetProperty("results").GetArrayLength().Should().Be(15);
        document.RootElement.GetProperty("counts").GetProperty("SUCCESS!?!").GetInt32().Should().Be(1);
        document.RootElement.GetProperty("passed").GetBoolean().Should().BeFalse();
    }

    private static List<string> Lines(string text) =>
        text.Split('\n').Where(l => l.StartsWith("Trial.", StringComparison.Ordinal)).ToList();
}
