namespace Trial.Bench.Workloads;

/// <summary>
/// A reference, not a product: the least a virtual <see cref="TimeProvider"/> can do for one-shot timers on one
/// thread (a binary heap, no locks, no cancellation bookkeeping, no checks). It bounds from above what any virtual
/// clock can reach on the async workloads, since <c>Task.Delay</c> and the <c>await</c> machinery cost the same
/// on every provider.
/// </summary>
internal sealed class FloorTimeProvider : TimeProvider
{
    private readonly PriorityQueue<FloorTimer, (long Due, long Sequence)> _timers = new();
    private long _now;
    private long _sequence;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _now;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch.AddTicks(_now);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FloorTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Fires the earliest live timer, moving time to its due time.</summary>
    /// <returns><see langword="false"/> when no timer is left.</returns>
    public bool FireNext()
    {
        while (_timers.TryDequeue(out var timer, out var key))
        {
            if (timer.Sequence == key.Sequence)
            {
                _now = key.Due;
                timer.Sequence = -1;
                timer.Callback(timer.State);
                return true;
            }
        }

        return false;
    }

    private sealed class FloorTimer(FloorTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        internal TimerCallback Callback { get; } = callback;

        internal object? State { get; } = state;

        internal long Sequence { get; set; } = -1;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Sequence = -1;
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                Sequence = ++owner._sequence;
                owner._timers.Enqueue(this, (owner._now + dueTime.Ticks, Sequence));
            }

            return true;
        }

        public void Dispose() => Sequence = -1;

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
