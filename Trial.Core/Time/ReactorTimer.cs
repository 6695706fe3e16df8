using System.Globalization;

namespace Trial.Time;

/// <summary>
/// An <see cref="ITimer"/> on reactor time. Its schedule lives apart from it, so a timer its owner forgets
/// can be collected; a collected timer never runs its callback again.
/// </summary>
internal sealed class ReactorTimer : ITimer
{
    private readonly Schedule _schedule;

    internal ReactorTimer(Schedule schedule) => _schedule = schedule;

    ~ReactorTimer() => _schedule.Abandon();

    /// <inheritdoc/>
    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        Check(dueTime, nameof(dueTime));
        Check(period, nameof(period));
        return _schedule.Change(dueTime, period);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _schedule.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Check(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be non-negative or Timeout.InfiniteTimeSpan, but was {value}."));
        }
    }

    /// <summary>What the scheduled delayed call holds: the callback, its state and the period, but not the timer.</summary>
    /// <remarks>
    /// Any thread may change or dispose a timer while the loop fires it (the BCL does), so the schedule's fields
    /// change under its own lock; the callback runs outside it.
    /// </remarks>
    internal sealed class Schedule
    {
        private readonly Scheduler _scheduler;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private readonly Action _fire;
        private readonly Lock _gate = new();
        private DelayedCall? _call;
        private long _period;
        private bool _disposed;
        private volatile bool _abandoned;

        internal Schedule(Scheduler scheduler, TimerCallback callback, object? state)
        {
            _scheduler = scheduler;
            _callback = callback;
            _state = state;
            _fire = Fire;
        }

        internal bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return false;
                }

                CancelPending();
                _period = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    _call = _scheduler.CallAt(Ticks.DueAfter(_scheduler.Now, dueTime, nameof(dueTime)), _fire);
                }

                return true;
            }
        }

        internal void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                CancelPending();
            }
        }

        /// <summary>Called by the finalizer thread: the flag is all it may touch.</summary>
        internal void Abandon() => _abandoned = true;

        private void CancelPending()
        {
            // A call the loop has already taken cannot be cancelled; Fire sees that it was replaced and skips it.
            if (_call is { } call)
            {
                _scheduler.TryCancel(call);
            }

            _call = null;
        }

        private void Fire()
        {
            lock (_gate)
            {
                // Only the call this schedule holds, once taken by the loop, is current: one taken just before a
                // Change or Dispose on another thread is stale and must not run the callback.
                if (_abandoned || _disposed || _call is not { Called: true } call)
                {
                    return;
                }

                // The next tick is on the grid of the first one, and is in place before the callback so that
                // a Change from inside the callback replaces it.
                long due = call.Due;
                _call = _period > 0 && due <= long.MaxValue - _period ? _scheduler.CallAt(due + _period, _fire) : null;
            }

            _callback(_state);
        }
    }
}
