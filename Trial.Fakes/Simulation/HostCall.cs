using Trial.Time;

namespace Trial.Fakes.Simulation;

/// <summary>
/// A host's delayed call: a call on the network's clock that the host keeps, so a crash can cancel it, and that
/// records <see cref="TraceEventKind.TimerFired"/> when it runs.
/// </summary>
internal sealed class HostCall : IDelayedCall
{
    private readonly SimulatedHost _host;
    private readonly Action _action;
    private IDelayedCall _call = null!;

    private HostCall(SimulatedHost host, Action action)
    {
        _host = host;
        _action = action;
    }

    /// <summary>Gets or sets the call's place in its host's list of live calls, or -1.</summary>
    internal int Slot { get; set; } = -1;

    /// <summary>Gets a value indicating whether the trace should record its run (network plumbing is not traced).</summary>
    internal bool Traced { get; private init; }

    /// <inheritdoc/>
    public TimeSpan Time => _call.Time;

    /// <inheritdoc/>
    public bool Active => _call.Active;

    /// <inheritdoc/>
    public bool Called => _call.Called;

    /// <inheritdoc/>
    public bool Cancelled => _call.Cancelled;

    /// <summary>Gets a readable name of what the call runs.</summary>
    internal string Target => _action.Method.DeclaringType is { } type ? $"{type.FullName}.{_action.Method.Name}" : _action.Method.Name;

    /// <inheritdoc/>
    public void Cancel()
    {
        _call.Cancel();
        _host.Calls.Remove(this);
    }

    /// <inheritdoc/>
    public void Reset(TimeSpan delay) => _call.Reset(delay);

    /// <inheritdoc/>
    public void Delay(TimeSpan extra) => _call.Delay(extra);

    /// <inheritdoc/>
    public override string ToString() => $"{_host.Name}: {Target} due at {TraceFormatter.Seconds(_call.Time)}";

    /// <summary>Schedules <paramref name="action"/> on the network's clock on behalf of <paramref name="host"/>.</summary>
    internal static HostCall Schedule(SimulatedHost host, TimeSpan delay, Action action, bool traced)
    {
        ArgumentNullException.ThrowIfNull(action);
        var call = new HostCall(host, action) { Traced = traced };
        call._call = host.Network.Clock.CallLater(delay, call.Fire);
        Trial.Diagnostics.ResourceOrigins.Record(call);
        host.Calls.Add(call);
        return call;
    }

    /// <summary>Cancels the call for a crash, without touching the host's list (the crash clears it).</summary>
    internal void Kill()
    {
        Slot = -1;
        if (_call.Active)
        {
            _call.Cancel();
        }
    }

    private void Fire()
    {
        _host.Calls.Remove(this);
        if (Traced)
        {
            _host.Network.Record(TraceEventKind.TimerFired, _host.Id, -1, 0, 0);
        }

        _action();
    }
}
