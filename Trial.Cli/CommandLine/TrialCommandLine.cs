using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Trial.Cli.CommandLine;

/// <summary>
/// The command's arguments and options, parsed by System.CommandLine. Values are checked here, so a
/// bad value (<c>--shard 3/2</c>, <c>--jobs 0</c>) is a message and the usage, exit code 2.
/// </summary>
internal sealed class TrialCommandLine
{
    private readonly Argument<string[]> paths = new("paths")
    {
        Arity = ArgumentArity.ZeroOrMore,
        Description = "Test projects (built first), test assemblies, or folders (every test project below them). None means the current folder.",
    };

    private readonly Option<string> reporter = new("--reporter") { Description = "tree (default), verbose, summary or text.", DefaultValueFactory = _ => "tree" };
    private readonly Option<string> configuration = new("--configuration", "-c") { Description = "The configuration projects are built in.", DefaultValueFactory = _ => "Release" };
    private readonly Option<bool> noBuild = new("--no-build") { Description = "Run projects' last build; do not build them." };
    private readonly Option<bool> untilFailure = new("--until-failure", "-u") { Description = "Run the suite again and again until it fails, printing Test Pass N." };
    private readonly Option<long?> random = new("--random", "-z") { Description = "Shuffle the tests with this seed; 0 picks a seed and prints it." };
    private readonly Option<string> order = new("--order", "-o") { Description = "alphabetical (default) or toptobottom (declaration order).", DefaultValueFactory = _ => "alphabetical" };
    private readonly Option<bool> exitFirst = new("--exitfirst", "-x") { Description = "Stop at the first failure or error." };
    private readonly Option<int> jobs = new("--jobs", "-j") { Description = "Run in N worker processes, or auto (one a core). The report equals a serial run's.", DefaultValueFactory = _ => 1 };
    private readonly Option<(int, int)?> shard = new("--shard") { Description = "Run shard K of N (K/N, 1-based): a stable split by test name; the N shards are disjoint and complete." };
    private readonly Option<bool> failedFirst = new("--failed-first") { Description = "Run the tests that failed last time first (state in .trial/ beside the project)." };
    private readonly Option<bool> lastFailed = new("--last-failed") { Description = "Run only the tests that failed last time." };
    private readonly Option<long?> seed = new("--seed") { Description = "The seed of simulated tests (TRIAL_SEED)." };
    private readonly Option<int?> seeds = new("--seeds") { Description = "Sweep N seeds in each seed-sweeping test (TRIAL_SEEDS)." };
    private readonly Option<string?> seedsFrom = new("--seeds-from") { Description = "Run the suite once per seed in FILE (one a line); failing seeds are appended to .trial/failing-seeds." };
    private readonly Option<string[]> filter = new("--filter", "-k") { Description = "Run tests whose full name matches PATTERN (* is a wildcard, else a substring). Repeatable.", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
    private readonly Option<bool> list = new("--list", "-n") { Description = "Print the tests that would run, and run nothing." };
    private readonly Option<string?> mode = new("--mode") { Description = "sim, real or both (TRIAL_MODE)." };
    private readonly Option<string?> trace = new("--trace") { Description = "Write simulated tests' traces to DIR (TRIAL_TRACE)." };
    private readonly Option<double?> timeout = new("--timeout") { Description = "A reactor test's wall timeout in seconds (TRIAL_TIMEOUT)." };
    private readonly Option<bool> rtErrors = new("--rterrors", "-e") { Description = "Print each failure and error as it happens." };
    private readonly Option<string?> junit = new("--junit") { Description = "Write JUnit XML results to PATH." };
    private readonly Option<string?> json = new("--json") { Description = "Write JSON results to PATH." };
    private readonly Option<string?> worker = new("--worker-tests") { Hidden = true };

    /// <summary>Defines the command.</summary>
    public TrialCommandLine()
    {
        reporter.AcceptOnlyFromAmong("tree", "verbose", "summary", "text");
        order.AcceptOnlyFromAmong("alphabetical", "toptobottom");
        mode.AcceptOnlyFromAmong("sim", "real", "both");
        jobs.CustomParser = ParseJobs;
        shard.CustomParser = ParseShard;
        random.Validators.Add(r => Require(r, r.GetValueOrDefault<long?>() is null or >= 0, "--random takes a seed of 0 or more"));
        seeds.Validators.Add(r => Require(r, r.GetValueOrDefault<int?>() is null or > 0, "--seeds takes a count of 1 or more"));
        timeout.Validators.Add(r => Require(r, r.GetValueOrDefault<double?>() is null or > 0, "--timeout takes a number of seconds above 0"));
        Root = new RootCommand("trial: runs .NET test projects in process and reports like Twisted's trial.")
        {
            paths, reporter, configuration, noBuild, untilFailure, random, order, exitFirst, jobs, shard,
            failedFirst, lastFailed, seed, seeds, seedsFrom, filter, list, mode, trace, timeout, rtErrors, junit, json, worker,
        };
        Root.Validators.Add(r =>
        {
            if (r.GetValue(failedFirst) && r.GetValue(lastFailed))
            {
                r.AddError("--failed-first and --last-failed cannot be used together");
            }
        });
    }

    /// <summary>The root command.</summary>
    public RootCommand Root { get; }

    /// <summary>Parses <paramref name="args"/>: the options, or the exit code after help or an error was written.</summary>
    public (TrialOptions? Options, int ExitCode) Parse(string[] args, TextWriter output, TextWriter error)
    {
        var result = Root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var problem in result.Errors)
            {
                error.Write($"trial: {problem.Message}\n");
            }

            WriteUsage(error);
            return (null, ExitCodes.BadArguments);
        }

        // The root has no action of its own: an action here is --help or --version.
        if (result.Action is not null)
        {
            result.Invoke(new InvocationConfiguration { Output = output, Error = error });
            return (null, ExitCodes.Passed);
        }

        return (Options(result), ExitCodes.Passed);
    }

    /// <summary>Writes the usage (the help text).</summary>
    public void WriteUsage(TextWriter writer) =>
        Root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = writer, Error = writer });

    private TrialOptions Options(ParseResult result) => new()
    {
        Paths = result.GetValue(paths) ?? [],
        Reporter = result.GetValue(reporter)!,
        Configuration = result.GetValue(configuration)!,
        NoBuild = result.GetValue(noBuild),
        UntilFailure = result.GetValue(untilFailure),
        Random = result.GetValue(random),
        Order = result.GetValue(order)!,
        ExitFirst = result.GetValue(exitFirst),
        Jobs = result.GetValue(jobs),
        Shard = result.GetValue(shard),
        FailedFirst = result.GetValue(failedFirst),
        LastFailed = result.GetValue(lastFailed),
        Seed = result.GetValue(seed),
        Seeds = result.GetValue(seeds),
        SeedsFrom = result.GetValue(seedsFrom),
        Filters = result.GetValue(filter) ?? [],
        List = result.GetValue(list),
        Mode = result.GetValue(mode),
        Trace = result.GetValue(trace),
        Timeout = result.GetValue(timeout),
        RealtimeErrors = result.GetValue(rtErrors),
        JUnit = result.GetValue(junit),
        Json = result.GetValue(json),
        WorkerTests = result.GetValue(worker),
    };

    private static void Require(OptionResult result, bool ok, string message)
    {
        if (!ok)
        {
            result.AddError(message);
        }
    }

    private static int ParseJobs(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (string.Equals(text, "auto", StringComparison.OrdinalIgnoreCase))
        {
            return Environment.ProcessorCount;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
        {
            return count;
        }

        result.AddError($"--jobs takes a number of worker processes of 1 or more, or auto; got '{text}'");
        return 1;
    }

    private static (int, int)? ParseShard(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1 && index >= 1 && index <= count)
        {
            return (index, count);
        }

        result.AddError($"--shard takes K/N with 1 <= K <= N (shard K of N); got '{text}'");
        return null;
    }
}
