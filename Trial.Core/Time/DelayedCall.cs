namespace Trial.Time;

/// <summary>
/// A call held by a <see cref="Scheduler"/>; its place in the <see cref="TimerQueue"/> lives in its fields, which
/// only the scheduler changes, under its lock. A <see cref="ReactorTimer"/> is its own call, put back in the queue
/// each time it is changed.
/// </summary>
internal class DelayedCall : IDelayedCall
{
    private readonly Scheduler _owner;

    internal DelayedCall(Scheduler owner, Action? action)
    {
        _owner = owner;
        Action = action;
    }

    internal enum CallState : byte
    {
        Pending,
        Called,
        Cancelled,
    }

    /// <summary>Gets the work to run; a timer's call has none and runs its callback instead.</summary>
    internal Action? Action { get; }

    /// <summary>Gets the delegate the call runs, for error messages and leak reports.</summary>
    internal virtual Delegate Callback => Action!;

    /// <summary>Gets the scheduler that holds the call.</summary>
    private protected Scheduler Owner => _owner;

    /// <summary>Gets or sets the due time in ticks.</summary>
    internal long Due { get; set; }

    /// <summary>Gets or sets the scheduling sequence number that orders calls with equal due times.</summary>
    internal long Sequence { get; set; }

    /// <summary>Gets or sets the call's index in its bucket or in the near heap (which one follows from <see cref="Due"/>).</summary>
    internal int Index { get; set; }

    internal CallState State { get; set; }

    /// <inheritdoc/>
    public TimeSpan Time => TimeSpan.FromTicks(Due);

    /// <inheritdoc/>
    public bool Active => State == CallState.Pending;

    /// <inheritdoc/>
    public bool Called => State == CallState.Called;

    /// <inheritdoc/>
    public bool Cancelled => State == CallState.Cancelled;

    /// <summary>Gets a readable name of the call's target, for error messages.</summary>
    internal string Target => Describe(Callback);

    /// <inheritdoc/>
    public void Cancel() => _owner.Cancel(this);

    /// <inheritdoc/>
    public void Reset(TimeSpan delay) => _owner.Reschedule(this, delay, fromNow: true, nameof(delay));

    /// <inheritdoc/>
    public void Delay(TimeSpan extra) => _owner.Reschedule(this, extra, fromNow: false, nameof(extra));

    /// <inheritdoc/>
    public override string ToString() => $"DelayedCall(Time={Time}, State={State}, Target={Target})";

    /// <summary>Runs the call; the loop calls it once the scheduler has taken the call and marked it called.</summary>
    internal virtual void Run() => Action!();

    /// <summary>Called by the scheduler, under its lock, when the loop takes the call from the queue to run it.</summary>
    internal virtual void Taken()
    {
    }

    /// <summary>Names a delegate's method as Type.Method, for error messages.</summary>
    internal static string Describe(Delegate action)
    {
        var method = action.Method;
        return method.DeclaringType is { } type ? $"{type.FullName}.{method.Name}" : method.Name;
    }

    /// <summary>Throws unless the call is pending; the scheduler calls it under its lock.</summary>
    internal void ThrowIfNotPending()
    {
        switch (State)
        {
            case CallState.Called:
                throw new AlreadyCalledException($"The call to {Target} due at {Time} has already run.");
            case CallState.Cancelled:
                throw new AlreadyCancelledException($"The call to {Target} due at {Time} was already cancelled.");
        }
    }
}
