using System.Globalization;
using Trial.Time;

namespace Trial.Reactors;

/// <summary>
/// The loop every reactor runs on: its time and timers, its ready work (posted <c>await</c> continuations and calls
/// made soon), its <see cref="System.Threading.SynchronizationContext"/> and <see cref="System.TimeProvider"/>,
/// the runaway bound and the gate that lets one thread at a time run it. A reactor supplies only what differs:
/// where time comes from (a virtual clock jumps to the next due time; a real reactor reads a monotonic clock)
/// and how it waits for I/O.
/// </summary>
/// <remarks>
/// <para>
/// <b>Where code runs.</b> Timers (delayed calls, <see cref="System.TimeProvider"/> timers, and so
/// <c>Task.Delay</c>, <c>PeriodicTimer</c>, <c>CancelAfter</c>) run with <i>no</i> synchronization context
/// installed, as do a reactor's I/O callbacks. .NET runs a continuation inline only on a thread with no context (or
/// the base one) and the default task scheduler, so a <c>ConfigureAwait(false)</c> continuation of a task a timer
/// completes runs right there, on the loop, at that instant. Posted work (<see cref="Post"/>, and continuations of
/// <c>await</c>s that captured <see cref="SynchronizationContext"/>) runs with the context installed, in FIFO
/// order, so a plain <c>await</c> inside it comes back to the loop. See docs/async.md.
/// </para>
/// <para>
/// <b>Threads.</b> <see cref="Post"/>, <see cref="CallLater"/>, <see cref="CallAt"/>, the delayed calls' own
/// methods and the <see cref="TimeProvider"/>'s timers are safe from any thread (the BCL creates and disposes timers
/// from whatever thread it is on); a call scheduled from another thread while the loop runs is taken at the loop's
/// next look at its timers, and wakes a loop that waits for I/O. Running the loop (<see cref="Enter"/> and the
/// run methods) is for one thread at a time.
/// </para>
/// </remarks>
public sealed class EventLoop : IReactorTime
{
    private readonly Scheduler _scheduler = new();
    private readonly ReactorSynchronizationContext _context;
    private readonly Action? _wake;
    private readonly Action<Exception>? _onError;
    private readonly EscapedWork _escaped = new();
    private readonly RunawayGuard _guard = new();
    private readonly LoopGate _gate = new();
    private Func<bool>? _drain;
    private Func<bool>? _readyEmpty;
    private volatile bool _tracksEscapedWork;
    private Func<TimeSpan>? _now;

    /// <summary>Initializes a loop at time zero.</summary>
    /// <param name="epoch">The wall time at loop time zero, as its <see cref="TimeProvider"/> reports it.</param>
    /// <param name="wake">
    /// Called, on the posting thread, when another thread posts work or schedules a call while the loop runs, so
    /// a loop that waits for I/O can stop waiting; <see langword="null"/> for a loop that never waits.
    /// </param>
    /// <param name="onError">
    /// Receives each exception a call or posted item throws, and the loop goes on; <see langword="null"/> lets the
    /// exception propagate out of the run method (the item that threw is consumed, later ones stay).
    /// </param>
    public EventLoop(DateTimeOffset epoch, Action? wake = null, Action<Exception>? onError = null)
    {
        Epoch = epoch;
        _wake = wake;
        _onError = onError;
        Ready = new ReadyQueue(OnPosted);
        _context = new ReactorSynchronizationContext(Ready);
        TimeProvider = new ReactorTimeProvider(_scheduler, epoch);
    }

    /// <summary>Gets the wall time at loop time zero.</summary>
    public DateTimeOffset Epoch { get; }

    /// <inheritdoc/>
    public TimeSpan Now => TimeSpan.FromTicks(_scheduler.Now);

    /// <inheritdoc/>
    /// <remarks>Timestamps are ticks of loop time (<see cref="TimeProvider.TimestampFrequency"/> is 10^7); its timers may be used from any thread.</remarks>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets the synchronization context whose posts run on this loop, in FIFO order, with the context installed.</summary>
    public SynchronizationContext SynchronizationContext => _context;

    /// <summary>Gets the number of delayed calls pending.</summary>
    public int PendingCallCount => _scheduler.Count;

    /// <summary>Gets the number of posted items waiting to run.</summary>
    public int ReadyCount => Ready.Count;

    /// <summary>Gets a value indicating whether <see cref="Close"/> was called.</summary>
    public bool IsClosed => Ready.IsClosed;

    /// <summary>Gets a value indicating whether the calling thread is the one running the loop now.</summary>
    public bool IsOnLoopThread => _gate.HeldByCurrentThread;

    /// <summary>
    /// Gets or sets how many calls and posted items may run at one instant (of one <see cref="Enter"/>) before the
    /// run fails with <see cref="RunawayCallException"/>; the call that would exceed it stays pending, not run.
    /// </summary>
    /// <value>The default is 1,000,000.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxCallsPerInstant
    {
        get => _guard.Max;
        set => _guard.Max = value > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture, $"The bound must be positive, but was {value}."));
    }

    /// <summary>
    /// Gets or sets how long, in real time, <see cref="WaitForEscapedWork"/> waits for work that escaped to the
    /// thread pool before it throws <see cref="EscapedWorkException"/>.
    /// </summary>
    /// <value>The default is 10 seconds.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan EscapedWorkTimeout
    {
        get => _escaped.Timeout;
        set => _escaped.Timeout = value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture, $"The timeout must be positive, but was {value}."));
    }

    /// <summary>Gets the queue that <see cref="SynchronizationContext"/> posts to.</summary>
    internal ReadyQueue Ready { get; }

    /// <summary>Gets the current time in ticks.</summary>
    internal long NowTicks => _scheduler.Now;

    /// <summary>Gets or sets the real-time source of the escaped-work bound (tests inject a fake).</summary>
    internal IWallClock WallClock
    {
        get => _escaped.WallClock;
        set => _escaped.WallClock = value;
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The loop was closed.</exception>
    public IDelayedCall CallLater(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return CallAtTicks(Ticks.DueAfter(_scheduler.Now, delay, nameof(delay)), action);
    }

    /// <summary>Schedules <paramref name="action"/> to run at loop time <paramref name="time"/>.</summary>
    /// <param name="time">When to run it; a time already past runs it at once, after the calls already due.</param>
    /// <param name="action">The work to run.</param>
    /// <returns>A handle that can cancel, reset or delay the call.</returns>
    /// <exception cref="InvalidOperationException">The loop was closed.</exception>
    public IDelayedCall CallAt(TimeSpan time, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return CallAtTicks(Math.Max(time.Ticks, _scheduler.Now), action);
    }

    /// <inheritdoc/>
    public IReadOnlyList<IDelayedCall> GetDelayedCalls() => _scheduler.Snapshot();

    /// <summary>Queues <paramref name="action"/> to run on the loop, after the work already posted; safe from any thread.</summary>
    /// <param name="action">The work.</param>
    /// <exception cref="InvalidOperationException">The loop was closed; the message is the reason given to <see cref="Close"/>.</exception>
    public void Post(Action action) => Ready.Enqueue(action);

    /// <summary>Queues <paramref name="action"/> like <see cref="Post"/>, unless the loop was closed.</summary>
    /// <param name="action">The work.</param>
    /// <returns><see langword="false"/> when the loop was closed and the work was not queued.</returns>
    public bool TryPost(Action action) => Ready.TryEnqueue(action);

    /// <summary>
    /// Refuses work from now on: <see cref="Post"/>, <see cref="CallLater"/> and <see cref="CallAt"/> throw
    /// <see cref="InvalidOperationException"/> with <paramref name="reason"/>. Work already queued can still be run.
    /// </summary>
    /// <param name="reason">The message of those exceptions: what stopped and why work can no longer run.</param>
    public void Close(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Ready.Close(reason);
    }

    /// <summary>Gets the due time of the earliest pending call.</summary>
    /// <param name="time">The due time, when a call is pending.</param>
    /// <returns><see langword="false"/> when nothing is pending.</returns>
    public bool TryGetNextDueTime(out TimeSpan time)
    {
        bool found = _scheduler.TryPeekDue(out long due);
        time = TimeSpan.FromTicks(due);
        return found;
    }

    /// <summary>
    /// Makes the calling thread the one running the loop until the returned scope is disposed: removes its
    /// synchronization context (restored on dispose), marks its execution flow (for good) so work it sends to the
    /// thread pool is tracked, when the loop tracks escaped work (<see cref="MarkCallingFlow"/>), and starts the
    /// runaway count afresh.
    /// </summary>
    /// <param name="what">How the caller's failure reads, completed by the reason: "The clock cannot be advanced".</param>
    /// <returns>The scope; dispose it on the same thread.</returns>
    /// <exception cref="InvalidOperationException">The loop is already running, on this thread (inside one of its own calls) or on another.</exception>
    public EventLoopScope Enter(string what)
    {
        _gate.Enter(what);
        _guard.Reset();
        if (_tracksEscapedWork)
        {
            _escaped.Mark();
        }

        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        return new EventLoopScope(this, context);
    }

    internal void Exit(SynchronizationContext? context)
    {
        SynchronizationContext.SetSynchronizationContext(context);
        _gate.Exit();
    }

    /// <summary>Moves the loop's time forward to <paramref name="time"/>; an earlier time leaves it where it is.</summary>
    /// <param name="time">The new time.</param>
    /// <remarks>A real reactor calls it with its monotonic clock; a virtual one after it has run what is due.</remarks>
    public void MoveTimeTo(TimeSpan time) => MoveTimeTo(time.Ticks);

    /// <summary>
    /// Runs the earliest delayed call if it is due by <paramref name="limit"/>, with no synchronization context
    /// installed; the loop's time becomes the call's due time if that is later.
    /// </summary>
    /// <param name="limit">The latest due time to take.</param>
    /// <returns><see langword="true"/> if a call ran.</returns>
    /// <exception cref="RunawayCallException">The call would exceed <see cref="MaxCallsPerInstant"/>; it stays pending.</exception>
    public bool RunNextDue(TimeSpan limit) => RunNextDue(limit.Ticks);

    /// <summary>
    /// Runs up to <paramref name="max"/> posted items, oldest first, with <see cref="SynchronizationContext"/>
    /// installed; items they post run in the same call, within the count.
    /// </summary>
    /// <param name="max">How many items at most; a real reactor passes <see cref="ReadyCount"/> so posted work cannot starve I/O.</param>
    /// <returns>How many items ran.</returns>
    /// <exception cref="RunawayCallException">An item would exceed <see cref="MaxCallsPerInstant"/>; it stays queued.</exception>
    public int RunReady(int max = int.MaxValue)
    {
        if (max <= 0 || Ready.IsEmpty)
        {
            return 0;
        }

        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_context);
        int ran = 0;
        try
        {
            while (ran < max && Ready.TryPeek(out var callback, out object? state))
            {
                if (!_guard.TryCount(_scheduler.Now))
                {
                    throw _guard.Tripped(_scheduler.Now, ReadyQueue.Describe(callback, state));
                }

                if (!Ready.TryDequeue(out callback, out state))
                {
                    break;
                }

                ran++;
                _guard.Ran(callback, state);
                Invoke(callback, state);
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        return ran;
    }

    /// <summary>
    /// Runs virtual time forward to <paramref name="target"/>: each due call at its own due time, with the posted
    /// work that follows it, waiting for escaped work before each call (<see cref="WaitForEscapedWork"/>);
    /// then the time is the target.
    /// </summary>
    /// <param name="target">The time to reach; an earlier one runs only what is due now.</param>
    public void RunTo(TimeSpan target) => RunTo(target.Ticks);

    /// <summary>
    /// Runs posted work, then waits, bounded by <see cref="EscapedWorkTimeout"/> of real time, until work that
    /// escaped to the thread pool has finished or awaits (running what it posts back meanwhile). A virtual loop
    /// calls it before each call it runs; with nothing escaped and nothing posted it returns after two reads.
    /// </summary>
    /// <returns><see langword="true"/> if anything ran or was waited for, so the caller should look at the timers again.</returns>
    /// <exception cref="EscapedWorkException">Escaped work was still running after <see cref="EscapedWorkTimeout"/>.</exception>
    public bool WaitForEscapedWork() => _escaped.Settle(_drain ??= () => RunReady() > 0, _readyEmpty ??= () => Ready.IsEmpty, _now ??= () => Now);

    /// <summary>
    /// Marks the calling thread's execution flow as this loop's, so thread-pool work started from it from now on
    /// (<c>Task.Run</c>, continuations queued to the pool) is waited for by <see cref="WaitForEscapedWork"/>, and
    /// makes every later <see cref="Enter"/> mark its thread too. A virtual reactor calls it when it is created, so
    /// work its user starts before the first run (a client whose constructor starts a loop) is the loop's too; a
    /// real reactor, whose time does not wait, never calls it and pays nothing for it.
    /// </summary>
    public void MarkCallingFlow()
    {
        _tracksEscapedWork = true;
        _escaped.Mark();
    }

    /// <summary>Runs the next call due by <paramref name="limit"/> (in ticks); see <see cref="RunNextDue(TimeSpan)"/>.</summary>
    internal bool RunNextDue(long limit)
    {
        var call = _scheduler.TakeDue(limit, _guard, out string? refused);
        if (call is null)
        {
            return refused is null ? false : throw _guard.Tripped(_scheduler.Now, refused);
        }

        MoveTimeTo(call.Due);
        _guard.Ran(call.Callback, null);
        try
        {
            call.Run();
        }
        catch (Exception e) when (_onError is not null)
        {
            _onError(e);
        }

        return true;
    }

    internal bool TryPeekDue(out long due) => _scheduler.TryPeekDue(out due);

    internal void MoveTimeTo(long ticks)
    {
        if (ticks > _scheduler.Now)
        {
            _scheduler.Now = ticks;
        }
    }

    /// <summary>The virtual driver: see <see cref="RunTo(TimeSpan)"/>.</summary>
    internal void RunTo(long target)
    {
        while (true)
        {
            RunReady();
            // Escaped work finishes before the next call runs, at this instant or a later one: the two never race.
            if (WaitForEscapedWork())
            {
                continue;
            }

            if (!RunNextDue(target))
            {
                MoveTimeTo(target);
                return;
            }
        }
    }

    private void Invoke(SendOrPostCallback callback, object? state)
    {
        try
        {
            callback(state);
        }
        catch (Exception e) when (_onError is not null)
        {
            _onError(e);
        }
    }

    private void OnPosted()
    {
        _escaped.Signal();
        if (_wake is not null && !IsOnLoopThread)
        {
            _wake();
        }
    }

    private DelayedCall CallAtTicks(long due, Action action)
    {
        Ready.ThrowIfClosed();
        var call = _scheduler.CallAt(due, action);
        if (_wake is not null && _gate.HeldByAnotherThread)
        {
            _wake();
        }

        return call;
    }
}
