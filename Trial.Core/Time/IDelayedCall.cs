namespace Trial.Time;

/// <summary>A call scheduled with <see cref="IReactorTime.CallLater"/>.</summary>
/// <remarks>
/// A call is pending until it runs or is cancelled. Cancelling, resetting or delaying it after that throws
/// <see cref="AlreadyCalledException"/> or <see cref="AlreadyCancelledException"/>.
/// </remarks>
public interface IDelayedCall
{
    /// <summary>Gets the time, since the reactor's epoch, at which the call is due.</summary>
    TimeSpan Time { get; }

    /// <summary>Gets a value indicating whether the call is still pending (neither run nor cancelled).</summary>
    bool Active { get; }

    /// <summary>Gets a value indicating whether the call has run (or is running).</summary>
    bool Called { get; }

    /// <summary>Gets a value indicating whether the call was cancelled.</summary>
    bool Cancelled { get; }

    /// <summary>Cancels the call so that it never runs.</summary>
    /// <exception cref="AlreadyCalledException">The call has already run.</exception>
    /// <exception cref="AlreadyCancelledException">The call was already cancelled.</exception>
    void Cancel();

    /// <summary>Makes the call due <paramref name="delay"/> from now, keeping its identity.</summary>
    /// <param name="delay">The new delay, measured from the current time.</param>
    /// <remarks>Among calls due at the same time, a reset call runs after those scheduled before the reset.</remarks>
    /// <exception cref="AlreadyCalledException">The call has already run.</exception>
    /// <exception cref="AlreadyCancelledException">The call was already cancelled.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The delay is negative or the due time would overflow.</exception>
    void Reset(TimeSpan delay);

    /// <summary>Pushes the call's due time back by <paramref name="extra"/>.</summary>
    /// <param name="extra">How much later the call runs; must not be negative.</param>
    /// <remarks>Among calls due at the same time, a delayed call runs after those scheduled before the delay.</remarks>
    /// <exception cref="AlreadyCalledException">The call has already run.</exception>
    /// <exception cref="AlreadyCancelledException">The call was already cancelled.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The extra delay is negative or the due time would overflow.</exception>
    void Delay(TimeSpan extra);
}
