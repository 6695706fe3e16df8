using System.Diagnostics;

namespace Trial.Reactors;

/// <summary>The machine's monotonic clock.</summary>
internal sealed class MonotonicWallClock : IWallClock
{
    internal static readonly MonotonicWallClock Instance = new();

    /// <inheritdoc/>
    public long ElapsedTicks
    {
        get
        {
            // Waiting for thread-pool work is bounded in real time because that work runs in real time; nothing
            // a test observes reads this clock.
#pragma warning disable RS0030
            return Stopwatch.GetElapsedTime(0).Ticks;
#pragma warning restore RS0030
        }
    }
}
