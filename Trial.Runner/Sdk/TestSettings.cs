using System.Globalization;

namespace Trial.Runner.Sdk;

/// <summary>
/// The environment knobs Trial's runner reads, with their defaults. They are read when tests are discovered
/// (<c>TRIAL_SEED</c>, <c>TRIAL_SEEDS</c>, <c>TRIAL_MODE</c>) or run (<c>TRIAL_TRACE</c>,
/// <c>TRIAL_CHECK_DETERMINISM</c>), so a runner in the same process may set them first.
/// </summary>
public static class TestSettings
{
    /// <summary>The variable that fixes the seed of every simulated test (and narrows a sweep to that one seed): <c>TRIAL_SEED</c>.</summary>
    public const string SeedVariable = "TRIAL_SEED";

    /// <summary>The variable that makes every simulated test sweep that many seeds: <c>TRIAL_SEEDS</c>.</summary>
    public const string SeedsVariable = "TRIAL_SEEDS";

    /// <summary>The variable that narrows tests of mode <see cref="ReactorMode.Both"/> to one mode: <c>TRIAL_MODE</c> (<c>real</c>, <c>simulated</c> or <c>both</c>).</summary>
    public const string ModeVariable = "TRIAL_MODE";

    /// <summary>The variable naming a folder where every simulated test writes its whole trace: <c>TRIAL_TRACE</c>.</summary>
    public const string TraceVariable = "TRIAL_TRACE";

    /// <summary>The variable that, set to 1, runs each simulated test twice and fails it where the runs differ: <c>TRIAL_CHECK_DETERMINISM</c>.</summary>
    public const string CheckDeterminismVariable = "TRIAL_CHECK_DETERMINISM";

    /// <summary>The virtual-time limit of a reactor test that sets none: one hour.</summary>
    public static readonly TimeSpan DefaultVirtualTimeout = TimeSpan.FromHours(1);

    /// <summary>The wall-time limit of a reactor test that sets none: 120 seconds, as in Twisted's trial.</summary>
    public static readonly TimeSpan DefaultWallTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Gets the seed <c>TRIAL_SEED</c> fixes, or <see langword="null"/> when it is unset.</summary>
    /// <exception cref="FormatException">The variable is set to something that is not a seed.</exception>
    public static ulong? SeedOverride => Read(SeedVariable) is { } text
        ? ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed)
            ? seed
            : throw new FormatException($"{SeedVariable} is '{text}', which is not a seed: give a whole number from 0 to {ulong.MaxValue}.")
        : null;

    /// <summary>Gets the sweep size <c>TRIAL_SEEDS</c> sets, or <see langword="null"/> when it is unset.</summary>
    /// <exception cref="FormatException">The variable is set to something that is not a positive count.</exception>
    public static int? SeedCount => Read(SeedsVariable) is { } text
        ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count > 0
            ? count
            : throw new FormatException($"{SeedsVariable} is '{text}', which is not a number of seeds: give a whole number from 1 to {int.MaxValue}.")
        : null;

    /// <summary>Gets the mode <c>TRIAL_MODE</c> narrows both-mode tests to, or <see langword="null"/> when it is unset.</summary>
    /// <exception cref="FormatException">The variable is set to something that is not a mode.</exception>
    public static ReactorMode? ModeOverride => Read(ModeVariable)?.ToLowerInvariant() switch
    {
        null => null,
        "real" => ReactorMode.Real,
        "sim" or "simulated" => ReactorMode.Simulated,
        "both" => ReactorMode.Both,
        var other => throw new FormatException($"{ModeVariable} is '{other}', which is not a mode: give real, simulated or both."),
    };

    /// <summary>Gets the folder <c>TRIAL_TRACE</c> names, or <see langword="null"/> when it is unset.</summary>
    public static string? TraceDirectory => Read(TraceVariable);

    /// <summary>Gets a value indicating whether <c>TRIAL_CHECK_DETERMINISM</c> is set to 1 (or true).</summary>
    public static bool CheckDeterminism => Read(CheckDeterminismVariable) is "1" or "true" or "True" or "TRUE";

    private static readonly AsyncLocal<IReadOnlyDictionary<string, string?>?> Overrides = new();

    /// <summary>Sets knobs for the current flow only, as if the environment said so, until the scope is disposed (for running fixtures in process).</summary>
    internal static IDisposable Override(IReadOnlyDictionary<string, string?> values)
    {
        var previous = Overrides.Value;
        Overrides.Value = values;
        return new Scope(() => Overrides.Value = previous);
    }

    private static string? Read(string name)
    {
        string? value = Overrides.Value is { } overrides && overrides.TryGetValue(name, out var set) ? set : Environment.GetEnvironmentVariable(name);
        return value is { Length: > 0 } ? value.Trim() : null;
    }

    private sealed class Scope(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
