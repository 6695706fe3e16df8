using Trial.Time;

namespace Trial.Protocols;

/// <summary>
/// A connection's idle timeout: runs a hook when no traffic has reset it for the timeout period. Twisted's
/// <c>TimeoutMixin</c>, as a helper a protocol holds (C# has no mixins).
/// </summary>
/// <remarks>
/// <para>The usual pattern: start it when the connection is made, reset it on traffic, cancel it when the connection ends.</para>
/// <code>
/// sealed class Session : Protocol
/// {
///     private readonly IdleTimeout _idle;
///
///     public Session(IReactorTime clock) => _idle = new IdleTimeout(clock, this);
///
///     public override void ConnectionMade() => _idle.SetTimeout(TimeSpan.FromMinutes(5));
///
///     public override void DataReceived(ReadOnlySpan&lt;byte&gt; data)
///     {
///         _idle.ResetTimeout();
///         // ...handle data...
///     }
///
///     public override void ConnectionLost(Exception reason)
///     {
///         _idle.Cancel();
///         base.ConnectionLost(reason);
///     }
/// }
/// </code>
/// <para>
/// The timer is a delayed call on the given <see cref="IReactorTime"/>, so on a virtual clock a five-minute
/// timeout is tested by advancing the clock. Once the timeout has fired, <see cref="ResetTimeout"/> does nothing
/// until <see cref="SetTimeout"/> starts a new one.
/// </para>
/// </remarks>
public sealed class IdleTimeout
{
    private readonly IReactorTime _clock;
    private readonly Action _timedOut;
    private readonly Action _fire;
    private IDelayedCall? _call;

    /// <summary>Initializes a stopped timeout that runs <paramref name="timedOut"/> when it elapses.</summary>
    /// <param name="clock">The time the timeout runs on.</param>
    /// <param name="timedOut">The hook (Twisted's <c>timeoutConnection</c>), such as aborting the connection.</param>
    public IdleTimeout(IReactorTime clock, Action timedOut)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _timedOut = timedOut ?? throw new ArgumentNullException(nameof(timedOut));
        _fire = Fire;
    }

    /// <summary>Initializes a stopped timeout that closes <paramref name="protocol"/>'s connection gracefully when it elapses, as Twisted's default does.</summary>
    /// <param name="clock">The time the timeout runs on.</param>
    /// <param name="protocol">The protocol whose transport's <c>LoseConnection</c> runs on timeout.</param>
    public IdleTimeout(IReactorTime clock, Protocol protocol)
        : this(clock, LoseConnection(protocol))
    {
    }

    /// <summary>Gets the timeout period, or <see langword="null"/> when none is set (Twisted's <c>timeOut</c>).</summary>
    public TimeSpan? Timeout { get; private set; }

    /// <summary>Gets a value indicating whether the countdown is running.</summary>
    public bool Pending => _call is { Active: true };

    /// <summary>Sets the timeout period and restarts the countdown, or stops it with <see langword="null"/>.</summary>
    /// <param name="period">The new period, or <see langword="null"/> to turn the timeout off.</param>
    /// <returns>The previous period.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The period is negative.</exception>
    public TimeSpan? SetTimeout(TimeSpan? period)
    {
        if (period < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"A timeout must not be negative, but was {period}.");
        }

        var previous = Timeout;
        Timeout = period;
        if (period is not TimeSpan value)
        {
            StopCountdown();
        }
        else if (_call is { Active: true })
        {
            _call.Reset(value);
        }
        else
        {
            _call = _clock.CallLater(value, _fire);
        }

        return previous;
    }

    /// <summary>Restarts the countdown from the full period; call it when meaningful traffic arrives.</summary>
    /// <remarks>Does nothing when no timeout is set or the timeout has already fired.</remarks>
    public void ResetTimeout()
    {
        if (Timeout is TimeSpan period && _call is { Active: true })
        {
            _call.Reset(period);
        }
    }

    /// <summary>Stops the countdown and forgets the period, like <c>SetTimeout(null)</c>; call it when the connection ends.</summary>
    public void Cancel()
    {
        Timeout = null;
        StopCountdown();
    }

    private static Action LoseConnection(Protocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        return () => protocol.Transport?.LoseConnection();
    }

    private void StopCountdown()
    {
        if (_call is { Active: true })
        {
            _call.Cancel();
        }

        _call = null;
    }

    private void Fire()
    {
        _call = null;
        _timedOut();
    }
}
