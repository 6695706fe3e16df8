namespace Trial.Time;

/// <summary>
/// A call held by a <see cref="Scheduler"/>; its place in the <see cref="TimerQueue"/> lives in its fields, which
/// only the scheduler changes, under its lock.
/// </summary>
internal sealed class DelayedCall : IDelayedCall
{
    private readonly Scheduler _owner;

    internal DelayedCall(Scheduler owner, Action action)
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

    /// <summary>Gets the work to run.</summary>
    internal Action Action { get; }

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
    internal string Target => Describe(Action);

    /// <inheritdoc/>
    public void Cancel() => _owner.Cancel(this);

    /// <inheritdoc/>
    public void Reset(TimeSpan delay) => _owner.Reschedule(this, delay, fromNow: true, nameof(delay));

    /// <inheritdoc/>
    public void Delay(TimeSpan extra) => _owner.Reschedule(this, extra, fromNow: false, nameof(extra));

    /// <inheritdoc/>
    public override string ToString() => $"DelayedCall(Time={Time}, State={State}, Target={Target})";

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
