namespace Trial.Tests.Cli;

/// <summary>The command as a real process: the exit code and output a shell or CI sees.</summary>
[Collection(CliCollection.Name)]
public sealed class ProcessTests
{
    [Fact]
    public void RealProcess_ReportsAndExitsWithOne()
    {
        using var fixture = new CliHarness();

        var (exit, output, _) = CliHarness.RunProcess(fixture.Fixture, "--reporter", "text");

        exit.Should().Be(1);
        output.Should().StartWith("....E.F..S!TE..\n");
        output.Should().EndWith("FAILED (skips=1, expectedFailures=1, failures=1, errors=2, unexpectedSuccesses=1, successes=9)\n");
    }

    [Fact]
    public void RealProcess_PassingSelection_ExitsWithZero()
    {
        using var fixture = new CliHarness();

        var (exit, output, _) = CliHarness.RunProcess(fixture.Fixture, "--filter", "TimeoutTests");

        exit.Should().Be(0);
        output.Should().EndWith("PASSED (successes=2)\n");
    }
}
