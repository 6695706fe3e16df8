namespace Trial.Tests.Cli;

/// <summary>Bad input gets a clear message and the right exit code, never a stack trace.</summary>
[Collection(CliCollection.Name)]
public sealed class BadInputTests
{
    [Fact]
    public void MissingPath_IsExitCode2_WithUsage()
    {
        var (exit, output, error) = CliHarness.Run("no/such/Tests.csproj");

        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().StartWith("trial: no/such/Tests.csproj: no such file or folder\n").And.Contain("Usage:");
        error.Should().NotContain("   at ");
    }

    [Theory]
    [InlineData("--shard", "3/2", "--shard takes K/N with 1 <= K <= N (shard K of N); got '3/2'")]
    [InlineData("--shard", "0/2", "got '0/2'")]
    [InlineData("--jobs", "0", "--jobs takes a number of worker processes of 1 or more, or auto; got '0'")]
    [InlineData("--random", "-1", "--random takes a seed of 0 or more")]
    [InlineData("--order", "backwards", "backwards")]
    [InlineData("--reporter", "fancy", "fancy")]
    public void BadOptionValue_IsExitCode2_WithTheProblemAndUsage(string option, string value, string message)
    {
        using var fixture = new CliHarness();

        var (exit, _, error) = CliHarness.Run(fixture.Fixture, option, value);

        exit.Should().Be(2);
        error.Should().StartWith("trial: ").And.Contain(message).And.Contain("Usage:");
        error.Should().NotContain("   at ");
    }

    [Fact]
    public void FileThatIsNotAnAssembly_IsExitCode2()
    {
        using var fixture = new CliHarness();
        var notes = Path.Combine(fixture.Folder, "notes.txt");
        File.WriteAllText(notes, "not a test");

        var (exit, _, error) = CliHarness.Run(notes);

        exit.Should().Be(2);
        error.Should().StartWith($"trial: {notes} is neither a project (.csproj) nor a test assembly (.dll)\n");
    }

    [Fact]
    public void AssemblyWithoutXunit_IsExitCode2()
    {
        using var fixture = new CliHarness();
        var plain = Path.Combine(fixture.Folder, "xunit.abstractions.dll");

        var (exit, _, error) = CliHarness.Run(plain);

        exit.Should().Be(2);
        error.Should().Contain("is not an xunit v2 test assembly");
    }

    [Fact]
    public void AssemblyWithNoTests_IsExitCode1_WithAMessage()
    {
        using var fixture = new CliHarness();
        var noTests = Path.Combine(fixture.Folder, "xunit.assert.dll");

        var (exit, output, error) = CliHarness.Run(noTests);

        exit.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().StartWith($"trial: {noTests}: no tests found").And.NotContain("   at ");
    }

    [Fact]
    public void SeedsFromMissingFile_IsExitCode2()
    {
        using var fixture = new CliHarness();

        var (exit, _, error) = CliHarness.Run(fixture.Fixture, "--seeds-from", "no-such-seeds");

        exit.Should().Be(2);
        error.Should().StartWith("trial: --seeds-from no-such-seeds: no such file\n");
    }

    [Fact]
    public void ProjectThatDoesNotBuild_IsExitCode1_WithTheBuildErrors()
    {
        using var fixture = new CliHarness();
        var folder = Path.Combine(fixture.Folder, "Broken");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Broken.csproj"),
            "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework><ImportDirectoryBuildProps>false</ImportDirectoryBuildProps></PropertyGroup></Project>");
        File.WriteAllText(Path.Combine(folder, "Broken.cs"), "public static class Broken { public static int F() => \"not an int\"; }");

        var (exit, _, error) = CliHarness.Run(Path.Combine(folder, "Broken.csproj"));

        exit.Should().Be(1);
        error.Should().Contain("Broken.csproj does not build").And.Contain("error CS0029");
        error.Should().NotContain("Usage:");
    }
}
