namespace Trial.Tests.Cli;

/// <summary>Each reporter's whole output on the fixture assembly, against a golden file, times masked.</summary>
[Collection(CliCollection.Name)]
public sealed class ReporterGoldenTests
{
    [Theory]
    [InlineData("tree")]
    [InlineData("verbose")]
    [InlineData("summary")]
    [InlineData("text")]
    public void Reporter_MatchesGolden(string reporter)
    {
        using var fixture = new CliHarness();

        var (exit, output, error) = CliHarness.Run(fixture.Fixture, "--reporter", reporter);

        error.Should().BeEmpty();
        exit.Should().Be(1);
        CliHarness.MatchesGolden(reporter, CliHarness.Mask(output));
    }

    [Fact]
    public void Tree_EndsEachStatusAtColumn79()
    {
        using var fixture = new CliHarness();

        var (_, output, _) = CliHarness.Run(fixture.Fixture);

        var statusLines = output.Split('\n').Where(l => l.EndsWith(']') && l.Contains(" ... ", StringComparison.Ordinal)).ToList();
        statusLines.Should().HaveCount(15);
        statusLines.Should().OnlyContain(l => l.Length == 79);
    }

    [Fact]
    public void PassingRun_SaysPassedAndExitsZero()
    {
        using var fixture = new CliHarness();

        var (exit, output, _) = CliHarness.Run(fixture.Fixture, "--filter", "Arithmetic.AdditionTests");

        exit.Should().Be(0);
        output.Should().EndWith("\nPASSED (successes=4)\n");
    }
}
