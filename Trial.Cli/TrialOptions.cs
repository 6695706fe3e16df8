namespace Trial.Cli;

/// <summary>What the command was asked to do, parsed and validated.</summary>
internal sealed record TrialOptions
{
    /// <summary>Projects, assemblies or folders; none means the current folder.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>tree, verbose, summary or text.</summary>
    public string Reporter { get; init; } = "tree";

    /// <summary>The configuration projects are built in.</summary>
    public string Configuration { get; init; } = "Release";

    /// <summary>Take projects' last build instead of building them.</summary>
    public bool NoBuild { get; init; }

    /// <summary>Run rounds until one fails, printing <c>Test Pass N</c>.</summary>
    public bool UntilFailure { get; init; }

    /// <summary>Shuffle with this seed (0 picks one); null keeps the order.</summary>
    public long? Random { get; init; }

    /// <summary>alphabetical (the default) or toptobottom (declaration order).</summary>
    public string Order { get; init; } = "alphabetical";

    /// <summary>Stop at the first failure or error.</summary>
    public bool ExitFirst { get; init; }

    /// <summary>Worker processes; 1 runs in this process.</summary>
    public int Jobs { get; init; } = 1;

    /// <summary>The shard to run, 1-based, and how many there are; null runs everything.</summary>
    public (int Index, int Count)? Shard { get; init; }

    /// <summary>Run what failed last time first.</summary>
    public bool FailedFirst { get; init; }

    /// <summary>Run only what failed last time.</summary>
    public bool LastFailed { get; init; }

    /// <summary>TRIAL_SEED for the run.</summary>
    public long? Seed { get; init; }

    /// <summary>TRIAL_SEEDS for the run.</summary>
    public int? Seeds { get; init; }

    /// <summary>A file of seeds (one a line, # comments); the suite runs once per seed.</summary>
    public string? SeedsFrom { get; init; }

    /// <summary>Patterns a test's full id must match one of (<c>*</c> is a wildcard; no wildcard means a substring).</summary>
    public IReadOnlyList<string> Filters { get; init; } = [];

    /// <summary>Print the tests that would run, and run nothing.</summary>
    public bool List { get; init; }

    /// <summary>TRIAL_MODE: sim, real or both.</summary>
    public string? Mode { get; init; }

    /// <summary>TRIAL_TRACE: where traces are written.</summary>
    public string? Trace { get; init; }

    /// <summary>TRIAL_TIMEOUT: a reactor test's wall timeout in seconds.</summary>
    public double? Timeout { get; init; }

    /// <summary>Print each problem as it happens, as well as at the end.</summary>
    public bool RealtimeErrors { get; init; }

    /// <summary>Where to write JUnit XML.</summary>
    public string? JUnit { get; init; }

    /// <summary>Where to write JSON results.</summary>
    public string? Json { get; init; }

    /// <summary>Worker mode (internal): run the tests whose ids are in this file and stream results.</summary>
    public string? WorkerTests { get; init; }
}
