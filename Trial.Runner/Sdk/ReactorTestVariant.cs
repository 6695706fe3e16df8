using System.Globalization;
using System.Text;

namespace Trial.Runner.Sdk;

/// <summary>One way to run a reactor test: its mode and seed, and whether its name shows the seed.</summary>
/// <param name="Mode">Simulated or real (never both).</param>
/// <param name="Seed">The seed.</param>
/// <param name="ShowSeed">Whether the test case's display name shows the seed (in sweeps and under <c>TRIAL_SEED</c>).</param>
/// <param name="ShowMode">Whether the test case's display name shows the mode (when the test runs in both).</param>
public sealed record ReactorTestVariant(ReactorMode Mode, ulong Seed, bool ShowSeed, bool ShowMode)
{
    /// <summary>Lists the test cases an attribute makes, after the environment knobs.</summary>
    /// <param name="settings">The test's attribute.</param>
    /// <param name="fullName">The test's full name (namespace, class and method), from which an unset seed is derived.</param>
    /// <returns>The variants, real mode last.</returns>
    /// <exception cref="FormatException">An environment knob is malformed.</exception>
    public static IReadOnlyList<ReactorTestVariant> For(IReactorTestAttribute settings, string fullName)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(fullName);
        var mode = settings.Mode;
        if (mode == ReactorMode.Both && TestSettings.ModeOverride is { } narrowed)
        {
            mode = narrowed;
        }

        ulong? fixedSeed = TestSettings.SeedOverride;
        int? count = TestSettings.SeedCount;
        ulong first = fixedSeed ?? (settings.HasSeed ? settings.Seed : SeedFromName(fullName));
        int seeds = count ?? (fixedSeed is null ? settings.Seeds : 1);
        bool showSeed = seeds > 1 || fixedSeed is not null;
        bool showMode = mode == ReactorMode.Both;
        var variants = new List<ReactorTestVariant>();
        if (mode.HasFlag(ReactorMode.Simulated))
        {
            for (int i = 0; i < seeds; i++)
            {
                variants.Add(new ReactorTestVariant(ReactorMode.Simulated, unchecked(first + (ulong)i), showSeed, showMode));
            }
        }

        if (mode.HasFlag(ReactorMode.Real))
        {
            variants.Add(new ReactorTestVariant(ReactorMode.Real, first, false, showMode));
        }

        return variants;
    }

    /// <summary>Derives a seed from a test's name (64-bit FNV-1a of its UTF-8 bytes), the same on every machine.</summary>
    /// <param name="fullName">The name.</param>
    /// <returns>The seed.</returns>
    public static ulong SeedFromName(string fullName)
    {
        ArgumentNullException.ThrowIfNull(fullName);
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(fullName))
        {
            hash = unchecked((hash ^ b) * 1099511628211UL);
        }

        return hash;
    }

    /// <summary>Returns what the display name adds, such as <c>seed: 7</c> or <c>mode: real</c>, or an empty string.</summary>
    /// <returns>The suffix, without parentheses.</returns>
    public string Describe()
    {
        var parts = new List<string>(2);
        if (ShowMode)
        {
            parts.Add(Mode == ReactorMode.Real ? "mode: real" : "mode: simulated");
        }

        if (ShowSeed && Mode == ReactorMode.Simulated)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"seed: {Seed}"));
        }

        return string.Join(", ", parts);
    }
}
