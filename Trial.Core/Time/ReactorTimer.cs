using System.Globalization;

namespace Trial.Time;

/// <summary>
/// An <see cref="ITimer"/> on reactor time, which is also its own entry in the scheduler's queue: a change puts it
/// back in the queue, so a timer allocates once, and firing a one-shot timer takes no lock.
/// </summary>
/// <remarks>
/// <para>
/// Any thread may change or dispose a timer while the loop fires it (the BCL does). Its fields change under the
/// scheduler's lock, and each change or dispose bumps a version: the loop runs the callback only if the version it
/// saw when it took the call from the queue is still current. As with <see cref="System.Threading.Timer"/>, a
/// callback the loop has already begun may still run after <see cref="Dispose"/> returns on another thread.
/// </para>
/// <para>
/// A timer created with a period is handed out behind a <see cref="Collectable"/>: if its owner forgets it, the
/// wrapper is collected and the timer never runs its callback again (as with <see cref="System.Threading.Timer"/>);
/// otherwise a forgotten periodic timer would keep a virtual clock busy forever. A one-shot timer fires once at its
/// due time, forgotten or not, so a run never depends on when a collection happens.
/// </para>
/// </remarks>
internal sealed class ReactorTimer : DelayedCall, ITimer
{
    private readonly TimerCallback _callback;
    private readonly object? _state;
    private long _period;
    private bool _disposed;
    private volatile bool _abandoned;
    private int _version;
    private int _takenVersion;

    private ReactorTimer(Scheduler scheduler, TimerCallback callback, object? state)
        : base(scheduler, action: null)
    {
        _callback = callback;
        _state = state;
        State = CallState.Cancelled; // Not in the queue.
    }

    /// <inheritdoc/>
    internal override Delegate Callback => _callback;

    /// <inheritdoc/>
    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        Check(dueTime, nameof(dueTime));
        Check(period, nameof(period));
        var scheduler = Owner;
        lock (scheduler.Gate)
        {
            if (_disposed)
            {
                return false;
            }

            long due = dueTime == Timeout.InfiniteTimeSpan ? 0 : Ticks.DueAfter(scheduler.Now, dueTime, nameof(dueTime));
            Unschedule(scheduler);
            _period = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                scheduler.AddLocked(this, due);
            }

            return true;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        var scheduler = Owner;
        lock (scheduler.Gate)
        {
            _disposed = true;
            Unschedule(scheduler);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Creates a timer, not yet scheduled; one made with a period is handed out behind a <see cref="Collectable"/>.</summary>
    internal static ITimer Create(Scheduler scheduler, TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ReactorTimer(scheduler, callback, state);
        Diagnostics.ResourceOrigins.Record(timer);
        ITimer handle = period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan ? new Collectable(timer) : timer;
        handle.Change(dueTime, period);
        return handle;
    }

    /// <inheritdoc/>
    internal override void Taken() => _takenVersion = _version;

    /// <summary>
    /// Gets what an owner that must be able to stop <paramref name="timer"/>, without keeping it alive, holds: the
    /// timer itself, not the wrapper a periodic timer is handed out behind, so that the wrapper can still be collected
    /// (which stops the timer) when its user forgets it. Any other timer is returned as it is.
    /// </summary>
    internal static ITimer Core(ITimer timer) => timer is Collectable c ? c.Timer : timer;

    /// <summary>
    /// Whether <paramref name="timer"/>, made by a reactor's <see cref="TimeProvider"/>, cannot fire again unless it
    /// is changed: disposed, stopped, a one-shot timer whose call the loop has taken, or a periodic timer whose user
    /// forgot it and which was collected. False for any other timer.
    /// </summary>
    internal static bool IsIdle(ITimer timer)
    {
        if (Core(timer) is not ReactorTimer reactorTimer)
        {
            return false;
        }

        if (reactorTimer._abandoned)
        {
            return true;
        }

        lock (reactorTimer.Owner.Gate)
        {
            return reactorTimer.State == CallState.Cancelled || (reactorTimer.State == CallState.Called && reactorTimer._period == 0);
        }
    }

    /// <inheritdoc/>
    internal override void Run()
    {
        // Changed or disposed on another thread after the loop took the call: it is stale.
        if (_abandoned || Volatile.Read(ref _version) != _takenVersion)
        {
            return;
        }

        if (Volatile.Read(ref _period) > 0 && !ScheduleNextTick())
        {
            return;
        }

        _callback(_state);
    }

    private static void Check(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be non-negative or Timeout.InfiniteTimeSpan, but was {value}."));
        }
    }

    /// <summary>Takes the timer out of the queue (if it is there) and makes a call the loop has taken stale.</summary>
    private void Unschedule(Scheduler scheduler)
    {
        _version++;
        if (State == CallState.Pending)
        {
            scheduler.RemoveLocked(this);
        }

        State = CallState.Cancelled;
    }

    /// <summary>
    /// Puts a periodic timer back in the queue, on the grid of its first tick, before its callback runs, so that a
    /// change from inside the callback replaces the next tick.
    /// </summary>
    /// <returns><see langword="false"/> if the timer was changed or disposed meanwhile, and must not fire.</returns>
    private bool ScheduleNextTick()
    {
        var scheduler = Owner;
        lock (scheduler.Gate)
        {
            if (_version != _takenVersion)
            {
                return false;
            }

            if (_period > 0 && Due <= long.MaxValue - _period)
            {
                scheduler.AddLocked(this, Due + _period);
            }

            return true;
        }
    }

    /// <summary>
    /// What the owner of a periodic timer holds: the queue holds the timer, not this, so a forgotten wrapper is
    /// collected, and its finalizer stops the timer.
    /// </summary>
    private sealed class Collectable(ReactorTimer timer) : ITimer
    {
        ~Collectable() => timer._abandoned = true;

        internal ReactorTimer Timer => timer;

        public bool Change(TimeSpan dueTime, TimeSpan period) => timer.Change(dueTime, period);

        public void Dispose()
        {
            timer.Dispose();
            GC.SuppressFinalize(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
