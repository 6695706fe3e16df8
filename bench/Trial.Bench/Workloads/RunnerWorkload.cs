using System.Diagnostics;
using System.Globalization;

namespace Trial.Bench.Workloads;

/// <summary>
/// W8 <c>runner</c>: 2,000 small tests (<see cref="RunnerSuite"/>) through the trial command, through
/// <c>dotnet test --no-build</c> on the same built assembly, and, when /usr/bin/trial3 exists, through
/// Twisted's trial on the Python twin from bench/peers/make_trial_suite.py. Each is a whole
/// process, start to exit, timed as wall time; the three take turns (interleaved rounds) so that
/// load on the machine falls on all alike, and the median of the rounds is printed.
/// </summary>
internal static class RunnerWorkload
{
    public static int Run(string[] args)
    {
        var rounds = Measure.ParseSize(args, 5);
        var root = RepositoryRoot();
        var suiteFolder = Path.Combine(root, "bench", "Trial.Bench", "obj", "runner-suite");
        var project = RunnerSuite.Write(suiteFolder, root);
        var tests = RunnerSuite.Classes * RunnerSuite.TestsPerClass;
        Build(project);
        Build(Path.Combine(root, "Trial.Cli", "Trial.Cli.csproj"));
        var assembly = Path.Combine(suiteFolder, "bin", "Release", "net10.0", "Trial.Bench.RunnerSuite.dll");
        var trial = Path.Combine(root, "Trial.Cli", "bin", "Release", "net10.0", OperatingSystem.IsWindows() ? "trial.exe" : "trial");

        var contenders = new List<(string Name, Func<Process> Start)>
        {
            ("trial-runner", () => Start(trial, suiteFolder, assembly, "--reporter", "summary")),
            ("dotnet-test-runner", () => Start("dotnet", suiteFolder, "test", project, "--no-build", "-c", "Release", "--nologo")),
        };
        var twin = PythonTwin(root);
        if (twin is not null)
        {
            contenders.Add(("twisted-trial", () => StartTwisted(twin)));
        }

        var seconds = contenders.ToDictionary(c => c.Name, _ => new List<double>());
        foreach (var (_, start) in contenders)
        {
            Elapsed(start);
        }

        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, start) in contenders)
            {
                seconds[name].Add(Elapsed(start));
            }
        }

        foreach (var (name, _) in contenders)
        {
            var median = Median(seconds[name]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name} tests {tests} seconds {median:F3} rate {tests / median:F0}/s"));
        }

        var trialSeconds = Median(seconds["trial-runner"]);
        var ratios = string.Create(CultureInfo.InvariantCulture, $"trial-runner-ratio dotnet-test {trialSeconds / Median(seconds["dotnet-test-runner"]):F3}");
        if (twin is not null)
        {
            ratios += string.Create(CultureInfo.InvariantCulture, $" twisted-trial {trialSeconds / Median(seconds["twisted-trial"]):F3}");
        }

        Console.WriteLine(ratios);
        return 0;
    }

    private static double Elapsed(Func<Process> start)
    {
        var clock = Stopwatch.StartNew();
        using var process = start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var elapsed = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{process.StartInfo.FileName} {string.Join(' ', process.StartInfo.ArgumentList)} exited with {process.ExitCode}:\n{stdout.Result}\n{stderr}");
        }

        return elapsed;
    }

    private static Process Start(string file, string folder, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    private static Process StartTwisted(string folder)
    {
        var process = new ProcessStartInfo("/usr/bin/trial3") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        process.ArgumentList.Add("test_many");
        process.Environment["PYTHONPATH"] = folder;
        return Process.Start(process)!;
    }

    // Writes the Python twin with the peer's own generator; null when Twisted's trial is not installed.
    private static string? PythonTwin(string root)
    {
        var generator = Path.Combine(root, "bench", "peers", "make_trial_suite.py");
        if (!File.Exists("/usr/bin/trial3") || !File.Exists(generator))
        {
            return null;
        }

        var folder = Path.Combine(Path.GetTempPath(), "trial-bench-twisted-suite");
        using var process = Start("/usr/bin/python3", root, generator, folder);
        process.WaitForExit();
        return process.ExitCode == 0 ? folder : null;
    }

    private static void Build(string project)
    {
        using var process = Start("dotnet", Path.GetDirectoryName(project)!, "build", project, "-c", "Release", "-nologo", "-v", "q");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build {project} failed:\n{output.Result}\n{errors}");
        }
    }

    private static string RepositoryRoot()
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

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
