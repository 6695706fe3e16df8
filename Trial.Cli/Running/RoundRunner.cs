using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Trial.Cli.Model;
using Trial.Cli.Reporting;
using Trial.Cli.State;
using Trial.Cli.Targets;
using Trial.Cli.Workers;

namespace Trial.Cli.Running;

/// <summary>
/// Runs a plan as one report: results to the reporter in plan order, then the summary, then what
/// is kept after a run (<c>.trial/last-failed</c>, failing seeds, <c>--junit</c>, <c>--json</c>,
/// GitHub annotations).
/// </summary>
internal sealed partial class RoundRunner(TrialOptions options, TextWriter output, Colorizer colors)
{
    /// <summary>Runs <paramref name="plan"/> once and returns the exit code.</summary>
    public int RunOnce(IReadOnlyList<PlannedTest> plan)
    {
        var (reporter, tally, owners) = Start();
        var clock = Stopwatch.StartNew();
        Run(plan, reporter, tally, owners, seed: options.Seed);
        return Finish(reporter, tally, owners, clock.Elapsed);
    }

    /// <summary>Runs the plan once per seed (TRIAL_SEED set for each) as one report.</summary>
    public int RunSeeds(IReadOnlyList<long> seeds, TrialEnvironment environment, Func<IReadOnlyList<PlannedTest>> plan)
    {
        var (reporter, tally, owners) = Start();
        var clock = Stopwatch.StartNew();
        foreach (var seed in seeds)
        {
            var text = seed.ToString(CultureInfo.InvariantCulture);
            environment.Set("TRIAL_SEED", text);
            reporter.Notice($"TRIAL_SEED={text}");
            if (Run(plan(), reporter, tally, owners, seed))
            {
                break;
            }
        }

        return Finish(reporter, tally, owners, clock.Elapsed);
    }

    private (Reporter, RunTally, List<(TestTarget Target, long? Seed)>) Start() =>
        (ReporterFactory.Create(options.Reporter, output, colors, options.RealtimeErrors), new RunTally(), []);

    // Returns whether --exitfirst stopped the run.
    private bool Run(IReadOnlyList<PlannedTest> plan, Reporter reporter, RunTally tally, List<(TestTarget, long?)> owners, long? seed)
    {
        ITestExecutor executor = options.Jobs > 1 ? new WorkerExecutor(options) : new SerialExecutor();
        var stopped = false;
        executor.Run(plan, (index, result) =>
        {
            tally.Add(result);
            owners.Add((plan[index].Target, seed));
            reporter.Report(result);
            stopped = options.ExitFirst && result.IsProblem;
            return !stopped;
        });
        return stopped;
    }

    private int Finish(Reporter reporter, RunTally tally, List<(TestTarget Target, long? Seed)> owners, TimeSpan elapsed)
    {
        reporter.Done(tally, elapsed);
        Remember(tally, owners);
        if (options.JUnit is { } junit)
        {
            JUnitWriter.Write(junit, tally, elapsed);
        }

        if (options.Json is { } json)
        {
            JsonResultWriter.Write(json, tally, elapsed);
        }

        if (string.Equals(Environment.GetEnvironmentVariable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            GitHubAnnotations.Write(output, tally);
        }

        output.Flush();
        return tally.Passed ? ExitCodes.Passed : ExitCodes.Failed;
    }

    private static void Remember(RunTally tally, List<(TestTarget Target, long? Seed)> owners)
    {
        var byTarget = owners.Select(o => o.Target).Distinct().ToDictionary(t => t, _ => (Failed: new List<string>(), Seeds: new List<long>()));
        for (var i = 0; i < tally.Results.Count; i++)
        {
            var result = tally.Results[i];
            if (!result.IsProblem)
            {
                continue;
            }

            var entry = byTarget[owners[i].Target];
            entry.Failed.Add(result.Name.Id);
            if (owners[i].Seed is { } seed)
            {
                entry.Seeds.Add(seed);
            }

            foreach (Match match in ReplaySeed().Matches(result.Detail))
            {
                entry.Seeds.Add(long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }

        foreach (var (target, (failed, seeds)) in byTarget)
        {
            var state = new TrialState(target.StateDirectory);
            state.WriteLastFailed(failed);
            state.AppendFailingSeeds(seeds);
        }
    }

    // The replay line Trial.Runner prints for a failing simulated test: TRIAL_SEED=1234 dotnet test ...
    [GeneratedRegex(@"TRIAL_SEED=(-?\d+)")]
    private static partial Regex ReplaySeed();
}
