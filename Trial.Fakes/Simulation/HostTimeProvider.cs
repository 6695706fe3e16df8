using Trial.Time;

namespace Trial.Fakes.Simulation;

/// <summary>
/// A host's <see cref="TimeProvider"/>: the network's virtual time, with timers the host keeps so that a crash
/// disposes them (a <c>Task.Delay</c> on a crashed host never completes).
/// </summary>
/// <remarks>
/// Timers may be created and disposed from any thread, as the BCL does. A timer that can no longer fire (a one-shot
/// timer that fired, or a stopped one) is forgotten the next time the host prunes its set, which it does each time
/// the set has doubled, so a host that makes fire-and-forget timers for hours keeps only the live ones; a
/// <see cref="ITimer.Change"/> tracks a timer again. The host holds the timer, not the handle its user holds, so a
/// periodic timer its user forgets is collected and stops, as on the clock (see <see cref="ReactorTimer"/>).
/// </remarks>
internal sealed class HostTimeProvider(TimeProvider clock) : TimeProvider
{
    private const int MinimumPrune = 64;

    private readonly Lock _gate = new();
    private readonly HashSet<ITimer> _timers = [];
    private int _pruneAt = MinimumPrune;

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

    /// <inheritdoc/>
    public override long TimestampFrequency => clock.TimestampFrequency;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    /// <inheritdoc/>
    public override long GetTimestamp() => clock.GetTimestamp();

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new HostTimer(this, clock.CreateTimer(callback, state, dueTime, period));
        Track(timer);
        return timer;
    }

    /// <summary>Gets how many timers the host keeps for a crash to dispose.</summary>
    internal int TrackedTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count;
            }
        }
    }

    /// <summary>Disposes every timer (a crash).</summary>
    internal void DisposeAll()
    {
        ITimer[] timers;
        lock (_gate)
        {
            timers = [.. _timers];
            _timers.Clear();
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    private void Track(HostTimer timer)
    {
        lock (_gate)
        {
            _timers.Add(timer.Core);
            if (_timers.Count >= _pruneAt)
            {
                _timers.RemoveWhere(ReactorTimer.IsIdle);
                _pruneAt = Math.Max(MinimumPrune, 2 * _timers.Count);
            }
        }
    }

    private void Forget(HostTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer.Core);
        }
    }

    private sealed class HostTimer(HostTimeProvider owner, ITimer inner) : ITimer
    {
        /// <summary>Gets what the host holds to stop the timer in a crash; it does not keep <c>inner</c> alive.</summary>
        internal ITimer Core { get; } = ReactorTimer.Core(inner);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            // Changed first, tracked second: a prune in between sees the timer armed and keeps it.
            if (!inner.Change(dueTime, period))
            {
                return false;
            }

            owner.Track(this);
            return true;
        }

        public void Dispose()
        {
            owner.Forget(this);
            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
