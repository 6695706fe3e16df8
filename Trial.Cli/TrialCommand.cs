using System.Diagnostics;
using System.Globalization;
using Trial.Cli.CommandLine;
using Trial.Cli.Loading;
using Trial.Cli.Reporting;
using Trial.Cli.Running;
using Trial.Cli.Targets;
using Trial.Cli.Workers;

namespace Trial.Cli;

/// <summary>
/// The trial command: resolves its arguments to test assemblies, plans the run, runs it round by
/// round (<c>--until-failure</c>, <c>--seeds-from</c>), reports, and remembers what failed.
/// </summary>
internal sealed class TrialCommand(TextWriter output, TextWriter error, Colorizer colors)
{
    /// <summary>Runs the command with <paramref name="args"/> and returns its exit code.</summary>
    public int Run(string[] args)
    {
        var commandLine = new TrialCommandLine();
        var (options, code) = commandLine.Parse(args, output, error);
        if (options is null)
        {
            return code;
        }

        try
        {
            return options.WorkerTests is { } testsFile ? Worker.Run(options, testsFile, output) : Execute(options);
        }
        catch (TrialInputException e)
        {
            error.Write($"trial: {e.Message}\n");
            if (e.ShowUsage)
            {
                commandLine.WriteUsage(error);
            }

            return e.ExitCode;
        }
    }

    private int Execute(TrialOptions options)
    {
        var seeds = options.SeedsFrom is { } file ? SeedFile.Read(file) : null;
        var targets = TargetResolver.Resolve(options.Paths, options.Configuration, options.NoBuild, error);
        using var environment = new TrialEnvironment(options);
        var assemblies = targets.Select(t => (t, XunitAssembly.Load(t.AssemblyPath))).ToList();
        try
        {
            var shuffle = options.Random;
            if (shuffle == 0)
            {
                shuffle = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 10;
            }

            if (shuffle is { } chosen)
            {
                output.Write($"Running tests shuffled with seed {chosen.ToString(CultureInfo.InvariantCulture)}\n\n");
            }

            var planner = new RunPlanner(options, error);
            if (options.List)
            {
                foreach (var test in planner.Plan(assemblies, shuffle))
                {
                    output.Write(test.Test.Id + "\n");
                }

                return ExitCodes.Passed;
            }

            var round = new RoundRunner(options, output, colors);
            if (seeds is not null)
            {
                return round.RunSeeds(seeds, environment, () => planner.Plan(assemblies, shuffle));
            }

            var plan = planner.Plan(assemblies, shuffle);
            if (!options.UntilFailure)
            {
                return round.RunOnce(plan);
            }

            for (var pass = 1; ; pass++)
            {
                output.Write($"Test Pass {pass}\n");
                var exit = round.RunOnce(plan);
                if (exit != ExitCodes.Passed || plan.Count == 0)
                {
                    return exit;
                }
            }
        }
        finally
        {
            foreach (var (_, assembly) in assemblies)
            {
                assembly.Dispose();
            }
        }
    }
}
