namespace Trial.Time;

/// <summary>
/// The delayed-call machinery shared by every reactor: the current time in ticks, the timer queue, and
/// sequence numbers that keep calls with equal due times in scheduling order. The owning loop moves
/// <see cref="Now"/> and runs what <see cref="TakeDue"/> hands it.
/// </summary>
/// <remarks>
/// Thread-safe: the BCL creates, changes and disposes <see cref="TimeProvider"/> timers from any thread
/// (<c>CancellationTokenSource.CancelAfter</c>, <c>Task.WaitAsync</c>, <c>PeriodicTimer</c>), so every queue
/// operation holds a lock. The lock is held only around the queue itself: no callback ever runs under it.
/// </remarks>
internal sealed class Scheduler
{
    private readonly TimerQueue _queue = new();
    private readonly Lock _gate = new();
    private long _nextSequence;
    private long _now;

    /// <summary>Gets or sets the current time in ticks; only the owning loop moves it, and only forward.</summary>
    internal long Now
    {
        get => Volatile.Read(ref _now);
        set => Volatile.Write(ref _now, value);
    }

    /// <summary>Gets the number of pending calls.</summary>
    internal int Count => _queue.Count;

    /// <summary>Gets the lock that guards the queue; a timer's call changes its own state under it too.</summary>
    internal Lock Gate => _gate;

    internal DelayedCall CallLater(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return CallAt(Ticks.DueAfter(Now, delay, nameof(delay)), action);
    }

    /// <summary>Schedules a call at an absolute due time, which must not be before <see cref="Now"/>.</summary>
    internal DelayedCall CallAt(long due, Action action)
    {
        var call = new DelayedCall(this, action) { Due = due };
        Diagnostics.ResourceOrigins.Record(call);
        lock (_gate)
        {
            call.Sequence = _nextSequence++;
            _queue.Add(call);
        }

        return call;
    }

    /// <summary>Puts a call that is not in the queue back in it, due at <paramref name="due"/>; under <see cref="Gate"/>.</summary>
    internal void AddLocked(DelayedCall call, long due)
    {
        call.Due = due;
        call.Sequence = _nextSequence++;
        call.State = DelayedCall.CallState.Pending;
        _queue.Add(call);
    }

    /// <summary>Takes a pending call out of the queue, as cancelled; under <see cref="Gate"/>.</summary>
    internal void RemoveLocked(DelayedCall call)
    {
        _queue.Remove(call);
        call.State = DelayedCall.CallState.Cancelled;
    }

    /// <summary>Cancels a pending call; throws if it already ran or was cancelled.</summary>
    internal void Cancel(DelayedCall call)
    {
        lock (_gate)
        {
            call.ThrowIfNotPending();
            _queue.Remove(call);
            call.State = DelayedCall.CallState.Cancelled;
        }
    }

    /// <summary>Cancels the call if it is still pending; false if it already ran (or is running) or was cancelled.</summary>
    internal bool TryCancel(DelayedCall call)
    {
        lock (_gate)
        {
            if (call.State != DelayedCall.CallState.Pending)
            {
                return false;
            }

            _queue.Remove(call);
            call.State = DelayedCall.CallState.Cancelled;
            return true;
        }
    }

    /// <summary>Moves a pending call to <paramref name="delay"/> after now (or after its own due time), behind its new peers.</summary>
    internal void Reschedule(DelayedCall call, TimeSpan delay, bool fromNow, string paramName)
    {
        lock (_gate)
        {
            call.ThrowIfNotPending();
            long due = Ticks.DueAfter(fromNow ? Now : call.Due, delay, paramName);
            _queue.Remove(call);
            call.Due = due;
            call.Sequence = _nextSequence++;
            _queue.Add(call);
        }
    }

    /// <summary>Gets the due time of the earliest pending call.</summary>
    /// <returns><see langword="false"/> when nothing is pending.</returns>
    internal bool TryPeekDue(out long due)
    {
        lock (_gate)
        {
            var first = _queue.Peek();
            due = first?.Due ?? 0;
            return first is not null;
        }
    }

    /// <summary>
    /// Removes and returns the earliest call if it is due at or before <paramref name="limit"/> and
    /// <paramref name="guard"/> lets one more call run at its instant, marked as called so that it can no longer
    /// be cancelled; the caller runs it (<see cref="DelayedCall.Run"/>). A call refused by the guard stays
    /// pending, and <paramref name="refused"/> names it.
    /// </summary>
    internal DelayedCall? TakeDue(long limit, RunawayGuard guard, out string? refused)
    {
        refused = null;
        lock (_gate)
        {
            var first = _queue.Peek();
            if (first is null || first.Due > limit)
            {
                return null;
            }

            if (!guard.TryCount(Math.Max(Now, first.Due)))
            {
                refused = first.Target;
                return null;
            }

            _queue.RemoveFirst();
            first.State = DelayedCall.CallState.Called;
            first.Taken();
            return first;
        }
    }

    internal IReadOnlyList<IDelayedCall> Snapshot()
    {
        List<DelayedCall> calls;
        lock (_gate)
        {
            calls = new List<DelayedCall>(_queue.Count);
            _queue.CopyTo(calls);
        }

        calls.Sort(static (a, b) => a.Due != b.Due ? a.Due.CompareTo(b.Due) : a.Sequence.CompareTo(b.Sequence));
        return calls;
    }
}
