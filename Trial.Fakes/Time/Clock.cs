using System.Globalization;
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
/// An exception from a callback propagates out of the advance and leaves the clock consistent: that call is
/// consumed, the time is its due time, and later calls are still pending.
/// </para>
/// <para>
/// The clock is not thread-safe, except that any thread may post to its <see cref="SynchronizationContext"/>.
/// </para>
/// </remarks>
public sealed class Clock : IReactorTime
{
    /// <summary>The wall time at virtual time zero, unless the constructor is given another: 2000-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset DefaultEpoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Scheduler _scheduler = new();
    private int _maxCallsPerInstant = 1_000_000;
    private bool _running;
    private long _instant = -1;
    private int _runsAtInstant;

    /// <summary>Initializes a new clock at virtual time zero, whose wall time starts at <see cref="DefaultEpoch"/>.</summary>
    public Clock()
        : this(DefaultEpoch)
    {
    }

    /// <summary>Initializes a new clock at virtual time zero, whose wall time starts at <paramref name="epoch"/>.</summary>
    /// <param name="epoch">What <see cref="TimeProvider.GetUtcNow"/> returns at virtual time zero.</param>
    public Clock(DateTimeOffset epoch)
    {
        Epoch = epoch;
        Ready = new ReadyQueue();
        SynchronizationContext = new ReactorSynchronizationContext(Ready);
        TimeProvider = new ReactorTimeProvider(_scheduler, epoch);
    }

    /// <summary>Gets the wall time at virtual time zero.</summary>
    public DateTimeOffset Epoch { get; }

    /// <inheritdoc/>
    public TimeSpan Now => TimeSpan.FromTicks(_scheduler.Now);

    /// <inheritdoc/>
    /// <remarks>Its timestamps are ticks of virtual time (<see cref="TimeProvider.TimestampFrequency"/> is 10^7).</remarks>
    public TimeProvider TimeProvider { get; }

    /// <summary>
    /// Gets the synchronization context whose posts run on this clock, in FIFO order, whenever it advances or runs.
    /// </summary>
    public SynchronizationContext SynchronizationContext { get; }

    /// <summary>Gets the number of delayed calls pending.</summary>
    public int PendingCallCount => _scheduler.Count;

    /// <summary>
    /// Gets or sets how many calls and posted continuations may run at one virtual instant during one advance
    /// before the advance fails with <see cref="RunawayCallException"/>.
    /// </summary>
    /// <value>The default is 1,000,000.</value>
    public int MaxCallsPerInstant
    {
        get => _maxCallsPerInstant;
        set => _maxCallsPerInstant = value > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The bound must be positive.");
    }

    /// <summary>Gets the ready queue that the synchronization context posts to.</summary>
    internal ReadyQueue Ready { get; }

    /// <inheritdoc/>
    public IDelayedCall CallLater(TimeSpan delay, Action action) => _scheduler.CallLater(delay, action);

    /// <inheritdoc/>
    public IReadOnlyList<IDelayedCall> GetDelayedCalls() => _scheduler.Snapshot();

    /// <summary>Moves time forward by <paramref name="amount"/>, running every call that comes due on the way.</summary>
    /// <param name="amount">How far to move; zero runs what is due now.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative or the target overflows.</exception>
    /// <exception cref="RunawayCallException">Too many calls ran at one instant.</exception>
    public void Advance(TimeSpan amount)
    {
        long target = DueAfter(amount, nameof(amount));
        Run(target, static (clock, t) => clock.RunTo(t));
    }

    /// <summary>Moves time forward to <paramref name="time"/>, running every call that comes due on the way.</summary>
    /// <param name="time">The virtual time to reach; it may equal <see cref="Now"/> but not be before it.</param>
    /// <exception cref="ArgumentOutOfRangeException">The time is before <see cref="Now"/>.</exception>
    public void AdvanceTo(TimeSpan time)
    {
        if (time.Ticks < _scheduler.Now)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, $"Cannot go back in time: the clock is at {Now}.");
        }

        Run(time.Ticks, static (clock, t) => clock.RunTo(t));
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
        bool found = false;
        Run(() =>
        {
            found = _scheduler.TryPeekDue(out long due);
            RunTo(found ? due : _scheduler.Now);
        });
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
        Run(() =>
        {
            DrainReady();
            while (!condition())
            {
                if (!_scheduler.TryPeekDue(out long due))
                {
                    throw new InvalidOperationException($"The condition does not hold at {Now} and nothing is scheduled that could change it.");
                }

                if (due > deadline)
                {
                    RunTo(deadline);
                    throw new TimeoutException($"The condition still did not hold after {limit} of virtual time (now {Now}); the next call is due at {TimeSpan.FromTicks(due)}.");
                }

                RunOne(deadline);
            }
        });
    }

    /// <summary>Jumps from event to event until <paramref name="task"/> completes (successfully or not).</summary>
    /// <param name="task">The task to wait for; its continuations should be posted to this clock.</param>
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
        Ready.Enqueue(() => task = asyncAction());
        RunUntil(() => task is { IsCompleted: true }, limit);
        return task!;
    }

    /// <summary>Runs every pending call, jumping time from one to the next, until none is left.</summary>
    /// <param name="limit">How much virtual time may pass; a periodic timer never lets the clock go idle.</param>
    /// <exception cref="TimeoutException">Calls are still pending when <paramref name="limit"/> has passed.</exception>
    public void RunUntilIdle(TimeSpan limit)
    {
        long deadline = DueAfter(limit, nameof(limit));
        Run(() =>
        {
            while (_scheduler.TryPeekDue(out long due))
            {
                if (due > deadline)
                {
                    RunTo(deadline);
                    throw new TimeoutException($"{_scheduler.Count} calls were still pending after {limit} of virtual time (now {Now}).");
                }

                RunTo(due);
            }

            DrainReady();
        });
    }

    private long DueAfter(TimeSpan amount, string name)
    {
        if (amount < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, amount, string.Create(CultureInfo.InvariantCulture, $"Cannot go back in time: {name} was {amount} with the clock at {Now}."));
        }

        return Ticks.DueAfter(_scheduler.Now, amount, name);
    }

    private void Run(Action body) => Run(body, static (_, b) => b());

    /// <summary>Runs <paramref name="body"/> as the clock's loop; the state overload spares the hot paths a closure.</summary>
    private void Run<TState>(TState state, Action<Clock, TState> body)
    {
        if (_running)
        {
            throw new InvalidOperationException("The clock cannot be advanced from inside one of its own calls.");
        }

        // Everything the clock runs sees its context, so an await inside a callback comes back to the clock.
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(SynchronizationContext);
        _running = true;
        _instant = -1;
        try
        {
            body(this, state);
        }
        finally
        {
            _running = false;
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private void RunTo(long target)
    {
        DrainReady();
        while (RunOne(target))
        {
        }

        _scheduler.Now = target;
        DrainReady();
    }

    /// <summary>Runs the next call if it is due by <paramref name="limit"/>, then the work it posted.</summary>
    private bool RunOne(long limit)
    {
        var call = _scheduler.TakeDue(limit);
        if (call is null)
        {
            return false;
        }

        _scheduler.Now = call.Due;
        if (CountRun())
        {
            throw Runaway(call.Target);
        }

        call.Action();
        DrainReady();
        return true;
    }

    private void DrainReady()
    {
        while (!Ready.IsEmpty && Ready.TryDequeue(out var callback, out object? state))
        {
            if (CountRun())
            {
                throw Runaway(ReadyQueue.Describe(callback, state));
            }

            callback(state);
        }
    }

    /// <summary>Counts one more run at the current instant; true when that exceeds the bound.</summary>
    private bool CountRun()
    {
        long instant = _scheduler.Now;
        if (instant != _instant)
        {
            _instant = instant;
            _runsAtInstant = 0;
        }

        return ++_runsAtInstant > _maxCallsPerInstant;
    }

    private RunawayCallException Runaway(string target) => new(
        $"More than {_maxCallsPerInstant} calls ran at virtual time {Now}; the last was {target}. A zero-delay call that keeps rescheduling itself never lets time move.");
}
