namespace Trial.Time;

/// <summary>
/// The delayed-call machinery shared by every reactor: the current time in ticks, the timer queue, and
/// sequence numbers that keep calls with equal due times in scheduling order. The owning reactor moves
/// <see cref="Now"/> and runs what <see cref="TakeDue"/> hands it. Not thread-safe.
/// </summary>
internal sealed class Scheduler
{
    private readonly TimerQueue _queue = new();
    private long _nextSequence;

    /// <summary>Gets or sets the current time in ticks; only the owning reactor moves it, and only forward.</summary>
    internal long Now { get; set; }

    /// <summary>Gets the number of pending calls.</summary>
    internal int Count => _queue.Count;

    internal DelayedCall CallLater(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return CallAt(Ticks.DueAfter(Now, delay, nameof(delay)), action);
    }

    /// <summary>Schedules a call at an absolute due time, which must not be before <see cref="Now"/>.</summary>
    internal DelayedCall CallAt(long due, Action action)
    {
        var call = new DelayedCall(this, action) { Due = due, Sequence = _nextSequence++ };
        Diagnostics.ResourceOrigins.Record(call);
        _queue.Add(call);
        return call;
    }

    internal void Cancel(DelayedCall call)
    {
        _queue.Remove(call);
        call.State = DelayedCall.CallState.Cancelled;
    }

    internal void Reschedule(DelayedCall call, long due)
    {
        _queue.Remove(call);
        call.Due = due;
        call.Sequence = _nextSequence++;
        _queue.Add(call);
    }

    /// <summary>Gets the due time of the earliest pending call.</summary>
    /// <returns><see langword="false"/> when nothing is pending.</returns>
    internal bool TryPeekDue(out long due)
    {
        var first = _queue.Peek();
        due = first?.Due ?? 0;
        return first is not null;
    }

    /// <summary>
    /// Removes and returns the earliest call if it is due at or before <paramref name="limit"/>, marked as called,
    /// so that it can no longer be cancelled; the caller runs its <see cref="DelayedCall.Action"/>.
    /// </summary>
    internal DelayedCall? TakeDue(long limit)
    {
        var first = _queue.Peek();
        if (first is null || first.Due > limit)
        {
            return null;
        }

        _queue.RemoveFirst();
        first.State = DelayedCall.CallState.Called;
        return first;
    }

    internal IReadOnlyList<IDelayedCall> Snapshot()
    {
        var calls = new List<DelayedCall>(_queue.Count);
        _queue.CopyTo(calls);
        calls.Sort(static (a, b) => a.Due != b.Due ? a.Due.CompareTo(b.Due) : a.Sequence.CompareTo(b.Sequence));
        return calls;
    }
}
