namespace Trial.Fakes.Simulation;

/// <summary>
/// A host's <see cref="TimeProvider"/>: the network's virtual time, with timers the host keeps so that a crash
/// disposes them (a <c>Task.Delay</c> on a crashed host never completes).
/// </summary>
/// <remarks>Timers may be created and disposed from any thread, as the BCL does.</remarks>
internal sealed class HostTimeProvider(TimeProvider clock) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly HashSet<HostTimer> _timers = [];

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
        lock (_gate)
        {
            _timers.Add(timer);
        }

        return timer;
    }

    /// <summary>Disposes every timer (a crash).</summary>
    internal void DisposeAll()
    {
        HostTimer[] timers;
        lock (_gate)
        {
            timers = [.. _timers];
            _timers.Clear();
        }

        foreach (var timer in timers)
        {
            timer.Inner.Dispose();
        }
    }

    private void Forget(HostTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class HostTimer(HostTimeProvider owner, ITimer inner) : ITimer
    {
        internal ITimer Inner => inner;

        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

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
