using System.Diagnostics;
using System.Text.RegularExpressions;
using Trial.Cli;
using Trial.Cli.Reporting;
using Trial.Cli.Workers;

namespace Trial.Tests.Cli;

/// <summary>
/// Runs the trial command in process (or once as a real process) on a private copy of the fixture
/// assembly, Trial.Tests/Fixtures/Trial.Fixtures.Cli, so each test has its own .trial/ state.
/// </summary>
internal sealed partial class CliHarness : IDisposable
{
    public CliHarness()
    {
        Folder = Path.Combine(Path.GetTempPath(), "trial-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        foreach (var file in Directory.EnumerateFiles(BuiltFixtureFolder))
        {
            File.Copy(file, Path.Combine(Folder, Path.GetFileName(file)));
        }
    }

    /// <summary>The folder holding this harness's copy of the fixture.</summary>
    public string Folder { get; }

    /// <summary>The copied fixture assembly.</summary>
    public string Fixture => Path.Combine(Folder, "Trial.Fixtures.Cli.dll");

    public static string RepositoryRoot { get; } = FindRoot();

    // The fixture is built with Trial.Tests (a ProjectReference that is not referenced), in the same configuration.
    private static string BuiltFixtureFolder => Path.Combine(
        RepositoryRoot, "Trial.Tests", "Fixtures", "Trial.Fixtures.Cli", "bin", Configuration, "net10.0");

    private static string Configuration =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>Runs the command in this process.</summary>
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = new TrialCommand(output, error, Colorizer.None).Run(args);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs the command as a process of its own, as workers are started; bounded by a minute.</summary>
    public static (int Exit, string Out, string Err) RunProcess(params string[] args)
    {
        var start = SelfCommand.StartInfo(args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the trial process did not finish within a minute");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>
    /// Masks what changes from run to run or machine to machine: times, the checkout's path, and
    /// stack frames other than the fixture's own (the runtime's frames differ between builds).
    /// </summary>
    public static string Mask(string text)
    {
        text = text.Replace(RepositoryRoot, "<repo>", StringComparison.Ordinal);
        text = text.Replace(" in /_/", " in <repo>/", StringComparison.Ordinal); // a build with mapped paths
        text = Timing().Replace(text, "in X.XXXs");
        text = SummaryNumbers().Replace(text, "X ");
        var lines = text.Split('\n').Where(line =>
            !(line.StartsWith("   at ", StringComparison.Ordinal) && !line.Contains("at Trial.Fixtures.", StringComparison.Ordinal))
            && !line.StartsWith("--- End of stack trace", StringComparison.Ordinal));
        return string.Join('\n', lines);
    }

    /// <summary>Checks <paramref name="actual"/> against Cli/Golden/NAME.txt; TRIAL_UPDATE_GOLDEN=1 rewrites the file instead.</summary>
    public static void MatchesGolden(string name, string actual)
    {
        var source = Path.Combine(RepositoryRoot, "Trial.Tests", "Cli", "Golden", name + ".txt");
        if (Environment.GetEnvironmentVariable("TRIAL_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(source, actual);
        }

        actual.Should().Be(File.ReadAllText(source), $"the output should match {source} (TRIAL_UPDATE_GOLDEN=1 rewrites it)");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A worker may still hold a file for a moment; the temp folder is the OS's to clean.
        }
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Trial.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Trial.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"in \d+\.\d+s")]
    private static partial Regex Timing();

    [GeneratedRegex(@"(?m)^\d+(\.\d+)?(E-?\d+)? (?=\d+ \d+ \d+ \d+ \d+$)")]
    private static partial Regex SummaryNumbers();
}
