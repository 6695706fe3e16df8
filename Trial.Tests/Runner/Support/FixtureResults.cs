using System.Collections.Concurrent;

namespace Trial.Tests.Runner.Support;

/// <summary>Fixture runs shared by the tests that check them: each fixture class runs once per test process and knob set.</summary>
internal static class FixtureResults
{
    private static readonly ConcurrentDictionary<Type, Lazy<IReadOnlyList<FixtureResult>>> Runs = new();

    public static IReadOnlyList<FixtureResult> Of(Type fixture) =>
        Runs.GetOrAdd(fixture, t => new Lazy<IReadOnlyList<FixtureResult>>(() => FixtureRunner.Run(t))).Value;

    /// <summary>Returns the one result whose display name ends with <paramref name="name"/>.</summary>
    public static FixtureResult Single(Type fixture, string name) => Single(Of(fixture), name);

    public static FixtureResult Single(IReadOnlyList<FixtureResult> results, string name)
    {
        var matches = results.Where(r => r.DisplayName.EndsWith("." + name, StringComparison.Ordinal)).ToList();
        matches.Should().ContainSingle($"one fixture result should be named {name}; got {string.Join(", ", results.Select(r => r.DisplayName))}");
        return matches[0];
    }
}
