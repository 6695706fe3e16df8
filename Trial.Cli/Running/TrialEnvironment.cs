using System.Globalization;

namespace Trial.Cli.Running;

/// <summary>
/// Passes seeds, mode, traces and timeouts to Trial.Runner through its environment knobs, which it
/// reads when tests are discovered and run: <c>TRIAL_SEED</c>, <c>TRIAL_SEEDS</c>, <c>TRIAL_MODE</c>
/// (sim, real, both), <c>TRIAL_TRACE</c> (a folder) and <c>TRIAL_TIMEOUT</c> (wall seconds). Worker
/// processes inherit them. Disposing puts back the values that were there before.
/// </summary>
internal sealed class TrialEnvironment : IDisposable
{
    private readonly Dictionary<string, string?> saved = new(StringComparer.Ordinal);

    /// <summary>Sets the knobs <paramref name="options"/> asks for.</summary>
    public TrialEnvironment(TrialOptions options)
    {
        Set("TRIAL_SEED", options.Seed?.ToString(CultureInfo.InvariantCulture));
        Set("TRIAL_SEEDS", options.Seeds?.ToString(CultureInfo.InvariantCulture));
        Set("TRIAL_MODE", options.Mode);
        Set("TRIAL_TRACE", options.Trace is null ? null : Path.GetFullPath(options.Trace));
        Set("TRIAL_TIMEOUT", options.Timeout?.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Sets <paramref name="name"/> for the rest of the run; null leaves it as it is.</summary>
    public void Set(string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        saved.TryAdd(name, Environment.GetEnvironmentVariable(name));
        Environment.SetEnvironmentVariable(name, value);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var (name, value) in saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
