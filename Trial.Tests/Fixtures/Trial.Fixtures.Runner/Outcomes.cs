namespace Trial.Fixtures.Runner;

/// <summary>What fixtures record for the tests that run them to check (cleanup order, patched values).</summary>
public static class Outcomes
{
    private static readonly List<string> Events = [];

    /// <summary>Gets or sets a value that <see cref="HelperTests"/> patches.</summary>
    public static int Setting { get; set; } = 1;

    /// <summary>Gets a snapshot of the events recorded so far.</summary>
    public static IReadOnlyList<string> Recorded
    {
        get
        {
            lock (Events)
            {
                return [.. Events];
            }
        }
    }

    /// <summary>Records an event.</summary>
    /// <param name="what">The event.</param>
    public static void Record(string what)
    {
        lock (Events)
        {
            Events.Add(what);
        }
    }
}
