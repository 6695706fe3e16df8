using Trial.Fakes.Time;

namespace Trial.Fakes.Memory;

/// <summary>
/// A <see cref="MemoryReactor"/> whose time is a <see cref="Time.Clock"/>: advancing the clock runs delayed calls,
/// <see cref="MemoryReactor.CallSoon"/> work and <c>await</c> continuations posted to the reactor's
/// synchronization context.
/// </summary>
public sealed class MemoryReactorClock : MemoryReactor
{
    /// <summary>Initializes a new reactor on a new clock at virtual time zero.</summary>
    public MemoryReactorClock()
        : this(new Clock())
    {
    }

    private MemoryReactorClock(Clock clock)
        : base(clock) => Clock = clock;

    /// <summary>Gets the clock that drives this reactor's time.</summary>
    public Clock Clock { get; }

    /// <inheritdoc/>
    internal override Clock? DrivingClock => Clock;

    /// <summary>Moves time forward by <paramref name="amount"/>; the same as <c>Clock.Advance</c>.</summary>
    /// <param name="amount">How far to move; zero runs what is ready now.</param>
    public void Advance(TimeSpan amount) => Clock.Advance(amount);
}
