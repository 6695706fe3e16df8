namespace Trial.Time;

/// <summary>
/// A reactor's notion of time: the current time, delayed calls, and a <see cref="System.TimeProvider"/>
/// view so that BCL code (<c>Task.Delay</c>, <c>PeriodicTimer</c>, <c>CancellationTokenSource</c>) runs on it.
/// </summary>
/// <remarks>
/// Time is kept in integer ticks (100 ns), never in floating point, so advancing by <c>a</c> and then by
/// <c>b</c> is exactly advancing by <c>a + b</c>. Calls due at the same time run in the order they were
/// scheduled. Implementations are single-threaded: call them from the reactor's own thread.
/// </remarks>
public interface IReactorTime
{
    /// <summary>Gets the current time, as the span since the reactor's epoch.</summary>
    TimeSpan Now { get; }

    /// <summary>Gets a <see cref="System.TimeProvider"/> that reads and schedules on this reactor's time.</summary>
    TimeProvider TimeProvider { get; }

    /// <summary>Schedules <paramref name="action"/> to run once <paramref name="delay"/> has elapsed.</summary>
    /// <param name="delay">How long to wait; zero runs the call at the current time, after calls already due.</param>
    /// <param name="action">The work to run.</param>
    /// <returns>A handle that can cancel, reset or delay the call.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The delay is negative, or the due time would overflow.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="action"/> is <see langword="null"/>.</exception>
    IDelayedCall CallLater(TimeSpan delay, Action action);

    /// <summary>Returns the calls that are scheduled and not yet run or cancelled, in the order they will run.</summary>
    /// <returns>A snapshot; later changes do not show in it.</returns>
    IReadOnlyList<IDelayedCall> GetDelayedCalls();
}
