using System.Globalization;
using Trial.Reactors;
using Trial.Time;

namespace Trial.Fakes.Time;

/// <summary>
/// A virtual <see cref="IReactorTime"/>: time stands still until the test moves it, and moving it runs the
/// calls that come due, each at its own due time.
/// </summary>
/// <remarks>
/// <para>
/// Advancing steps the time to each due call before running it, so a callback sees <see cref="Now"/> equal
/// to its own due time; when the calls are done the clock ends at the target. Calls scheduled by a callback
/// that fall inside the window run in the same advance, in time order. Work posted to
/// <see cref="SynchronizationContext"/> (such as <c>await</c> continuations) runs first at each instant, in
/// the order it was posted.
/// </para>
/// <para>
/// Ordinary async code stays on virtual time (see docs/async.md). Timers fire with no synchronization context
/// installed, so a <c>ConfigureAwait(false)</c> continuation of a task a timer completes runs inline, at that
/// instant; posted work runs with <see cref="SynchronizationContext"/> installed, so a plain <c>await</c> in it
/// comes back to the clock. Before time moves, the clock waits (at most <see cref="EscapedWorkTimeout"/> of real
/// time) until work that escaped to the thread pool (<c>Task.Run</c>, continuations forced off the loop) has
/// finished or awaits virtual time; then it runs what that work posted back.
/// </para>
/// <para>
/// An exception from a callback propagates out of the advance and leaves the clock consistent: that call is
/// consumed, the time is its due time, and later calls are still pending.
/// </para>
/// <para>
/// Any thread may post to its <see cref="SynchronizationContext"/>, schedule, cancel or reset calls and use its
/// <see cref="TimeProvider"/>'s timers (the BCL does so from whatever thread it is on). One thread at a time
/// advances it: advancing from inside one of its own calls, or from a second thread while a call runs, throws.
/// </para>
/// </remarks>
public sealed class Clock : IReactorTime
{
    /// <summary>The wall time at virtual time zero, unless the constructor is given another: 2000-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset DefaultEpoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const string AdvanceRefused = "The clock cannot be advanced";

    /// <summary>Initializes a new clock at virtual time zero, whose wall time starts at <see cref="DefaultEpoch"/>.</summary>
    public Clock()
        : this(DefaultEpoch)
    {
    }

    /// <summary>Initializes a new clock at virtual time zero, whose wall time starts at <paramref name="epoch"/>.</summary>
    /// <param name="epoch">What <see cref="TimeProvider.GetUtcNow"/> returns at virtual time zero.</param>
    /// <remarks>
    /// The constructing thread's execution flow becomes the clock's (<see cref="EventLoop.MarkCallingFlow"/>), so
    /// thread-pool work started from it before the first advance is waited for too.
    /// </remarks>
    public Clock(DateTimeOffset epoch)
    {
        Loop = new EventLoop(epoch);
        Loop.MarkCallingFlow();
    }

    /// <summary>Gets the event loop the clock runs: a reactor built on this clock's time can run on it too.</summary>
    public EventLoop Loop { get; }

    /// <summary>Gets the wall time at virtual time zero.</summary>
    public DateTimeOffset Epoch => Loop.Epoch;

    /// <inheritdoc/>
    public TimeSpan Now => Loop.Now;

    /// <inheritdoc/>
    /// <remarks>Its timestamps are ticks of virtual time (<see cref="TimeProvider.TimestampFrequency"/> is 10^7).</remarks>
    public TimeProvider TimeProvider => Loop.TimeProvider;

    /// <summary>
    /// Gets the synchronization context whose posts run on this clock, in FIFO order, whenever it advances or runs.
    /// </summary>
    public SynchronizationContext SynchronizationContext => Loop.SynchronizationContext;

    /// <summary>Gets the number of delayed calls pending.</summary>
    public int PendingCallCount => Loop.PendingCallCount;

    /// <summary>
    /// Gets or sets how many calls and posted continuations may run at one virtual instant during one advance
    /// before the advance fails with <see cref="RunawayCallException"/>; the call that would exceed it stays pending.
    /// </summary>
    /// <value>The default is 1,000,000.</value>
    public int MaxCallsPerInstant
    {
        get => Loop.MaxCallsPerInstant;
        set => Loop.MaxCallsPerInstant = value;
    }

    /// <summary>
    /// Gets or sets how long, in real time, the clock waits for work that escaped to the thread pool before it moves
    /// time; past it the advance fails with <see cref="EscapedWorkException"/>, naming what was still running.
    /// </summary>
    /// <value>The default is 10 seconds.</value>
    public TimeSpan EscapedWorkTimeout
    {
        get => Loop.EscapedWorkTimeout;
        set => Loop.EscapedWorkTimeout = value;
    }

    /// <summary>Gets the ready queue that the synchronization context posts to.</summary>
    internal ReadyQueue Ready => Loop.Ready;

    /// <inheritdoc/>
    /// <remarks>Safe from any thread; a call scheduled while the clock advances runs in that advance if it falls inside it.</remarks>
    public IDelayedCall CallLater(TimeSpan delay, Action action) => Loop.CallLater(delay, action);

    /// <inheritdoc/>
    public IReadOnlyList<IDelayedCall> GetDelayedCalls() => Loop.GetDelayedCalls();

    /// <summary>Moves time forward by <paramref name="amount"/>, running every call that comes due on the way.</summary>
    /// <param name="amount">How far to move; zero runs what is due now.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative or the target overflows.</exception>
    /// <exception cref="RunawayCallException">Too many calls ran at one instant.</exception>
    /// <exception cref="EscapedWorkException">Work that escaped to the thread pool did not finish in time.</exception>
    public void Advance(TimeSpan amount)
    {
        long target = DueAfter(amount, nameof(amount));
        using var scope = Loop.Enter(AdvanceRefused);
        Loop.RunTo(target);
    }

    /// <summary>Moves time forward to <paramref name="time"/>, running every call that comes due on the way.</summary>
    /// <param name="time">The virtual time to reach; it may equal <see cref="Now"/> but not be before it.</param>
    /// <exception cref="ArgumentOutOfRangeException">The time is before <see cref="Now"/>.</exception>
    public void AdvanceTo(TimeSpan time)
    {
        if (time < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, $"Cannot go back in time: the clock is at {Now}.");
        }

        using var scope = Loop.Enter(AdvanceRefused);
        Loop.RunTo(time.Ticks);
    }

    /// <summary>Advances by each amount in turn, like Twisted's <c>Clock.pump</c>.</summary>
    /// <param name="steps">The amounts to advance by.</param>
    public void Pump(IEnumerable<TimeSpan> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        foreach (var step in steps)
        {
            Advance(step);
        }
    }

    /// <summary>
    /// Runs posted work, then jumps to the next delayed call's due time and runs every call due at that instant.
    /// </summary>
    /// <returns><see langword="true"/> if a delayed call was pending; otherwise only posted work ran.</returns>
    public bool AdvanceToNextEvent()
    {
        using var scope = Loop.Enter(AdvanceRefused);
        Loop.WaitForEscapedWork();
        bool found = Loop.TryGetNextDueTime(out var due);
        Loop.RunTo(found ? due.Ticks : Loop.NowTicks);
        return found;
    }

    /// <summary>
    /// Jumps from event to event until <paramref name="condition"/> holds, checking it after every call.
    /// </summary>
    /// <param name="condition">What to wait for; checked before anything runs, and after each call.</param>
    /// <param name="limit">How much virtual time may pass.</param>
    /// <exception cref="TimeoutException">The condition still fails when <paramref name="limit"/> has passed; the clock is then at the limit.</exception>
    /// <exception cref="InvalidOperationException">The condition fails and nothing is scheduled that could change it.</exception>
    public void RunUntil(Func<bool> condition, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(condition);
        long deadline = DueAfter(limit, nameof(limit));
        using var scope = Loop.Enter(AdvanceRefused);
        Loop.RunReady();
        while (!condition())
        {
            // Escaped work may still make the condition true, or schedule what will; it finishes before the next
            // call runs, at this instant or a later one, so the two never race.
            if (Loop.WaitForEscapedWork())
            {
                continue;
            }

            if (Loop.RunNextDue(deadline))
            {
                Loop.RunReady();
                continue;
            }

            if (!Loop.TryGetNextDueTime(out var next))
            {
                throw new InvalidOperationException($"The condition does not hold at {Now} and nothing is scheduled that could change it.");
            }

            // The next call is due after the deadline.
            Loop.RunTo(deadline);
            if (condition())
            {
                return;
            }

            throw new TimeoutException($"The condition still did not hold after {limit} of virtual time (now {Now}); the next call is due at {next}.");
        }
    }

    /// <summary>Jumps from event to event until <paramref name="task"/> completes (successfully or not).</summary>
    /// <param name="task">The task to wait for.</param>
    /// <param name="limit">How much virtual time may pass.</param>
    /// <exception cref="TimeoutException">The task is not complete when <paramref name="limit"/> has passed.</exception>
    /// <exception cref="InvalidOperationException">The task is not complete and nothing is scheduled that could complete it.</exception>
    public void RunUntil(Task task, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(task);
        RunUntil(() => task.IsCompleted, limit);
    }

    /// <summary>
    /// Starts <paramref name="asyncAction"/> on this clock's synchronization context, so its awaits come back to
    /// the clock, then jumps from event to event until the task it returned completes.
    /// </summary>
    /// <param name="asyncAction">Starts the asynchronous work.</param>
    /// <param name="limit">How much virtual time may pass.</param>
    /// <returns>The completed task; awaiting it or reading its result observes its outcome.</returns>
    /// <exception cref="TimeoutException">The task is not complete when <paramref name="limit"/> has passed.</exception>
    /// <exception cref="InvalidOperationException">The task is not complete and nothing is scheduled that could complete it.</exception>
    public Task RunUntil(Func<Task> asyncAction, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(asyncAction);
        Task? task = null;
        Loop.Post(() => task = asyncAction());
        RunUntil(() => task is { IsCompleted: true }, limit);
        return task!;
    }

    /// <summary>Runs every pending call, jumping time from one to the next, until none is left.</summary>
    /// <param name="limit">How much virtual time may pass; a periodic timer never lets the clock go idle.</param>
    /// <exception cref="TimeoutException">Calls are still pending when <paramref name="limit"/> has passed.</exception>
    public void RunUntilIdle(TimeSpan limit)
    {
        long deadline = DueAfter(limit, nameof(limit));
        using var scope = Loop.Enter(AdvanceRefused);
        Loop.WaitForEscapedWork();
        while (Loop.TryGetNextDueTime(out var due))
        {
            if (due.Ticks > deadline)
            {
                Loop.RunTo(deadline);
                throw new TimeoutException($"{PendingCallCount} calls were still pending after {limit} of virtual time (now {Now}).");
            }

            Loop.RunTo(due.Ticks);
        }
    }

    private long DueAfter(TimeSpan amount, string name)
    {
        if (amount < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, amount, string.Create(CultureInfo.InvariantCulture, $"Cannot go back in time: {name} was {amount} with the clock at {Now}."));
        }

        return Ticks.DueAfter(Loop.NowTicks, amount, name);
    }
}
