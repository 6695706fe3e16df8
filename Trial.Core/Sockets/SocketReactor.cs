using System.Diagnostics;
using Trial.Deferreds;
using Trial.Logging;
using Trial.Reactors;
using Trial.Time;

namespace Trial.Sockets;

/// <summary>
/// The real reactor: one thread runs every protocol callback, timer and <c>await</c> continuation, and the
/// operating system's readiness machinery (epoll on Linux, <c>Socket.Select</c> elsewhere) says which of its
/// non-blocking sockets to read, write or accept on. There is no thread per connection.
/// </summary>
/// <remarks>
/// <para>
/// One loop turn waits for readiness (or a timer, or a wake-up from <see cref="CallFromThread"/>), handles the
/// sockets that are ready, runs the timers that are due, runs ready work in FIFO order (posted continuations
/// and <see cref="CallSoon"/>), and finally sends what the turn wrote. Time is a monotonic clock
/// (<see cref="Stopwatch"/>), kept in the same timer queue the virtual clocks use.
/// </para>
/// <para>
/// An exception from a protocol callback goes to <see cref="SocketReactorOptions.Log"/>, that connection
/// is aborted, and the reactor goes on serving everything else. <see cref="Stop"/>, from any thread, ends the
/// loop: listening ports close, attempts in progress fail, open connections are closed and their losses
/// delivered, and <see cref="Run"/> returns. A reactor runs once.
/// </para>
/// <para>
/// Why readiness and not completions: on Linux each socket is registered once with an edge-triggered epoll set
/// and read and written with plain non-blocking calls on the loop, so a ping-pong costs one wake-up and two
/// system calls a side, and a large write is sent from the caller's buffer. The alternative, .NET's
/// <c>ReceiveAsync</c>/<c>SendAsync</c> (SocketAsyncEventArgs, themselves driven by the runtime's own epoll
/// thread) with completions posted back to the loop, adds a thread hop per operation; the bench's
/// <c>async-tcp-*</c> baselines measure that machinery without even the hop back, and this loop beats them
/// (see the report for the figures). Elsewhere the portable poller uses <c>Socket.Select</c>.
/// </para>
/// <para>
/// Everything but <see cref="CallFromThread"/>, <see cref="InvokeAsync{T}(Func{T})"/>, <see cref="Stop"/> and
/// <see cref="StartOnBackgroundThread"/> must be called on the reactor's thread (or before it runs, on the
/// thread that made it).
/// </para>
/// </remarks>
public sealed partial class SocketReactor : IReactor, IDisposable
{
    private const int MaxTimersPerTurn = 4096;

    private const string StoppedMessage = "The reactor has stopped: work handed to it now would never run.";

    private readonly EventLoop _loop;

    private readonly Poller _poller;

    private readonly Poller.Dispatch _dispatch;

    private readonly Lock _wakeGate = new();

    // The real reactor is the one place that reads the monotonic clock: its time is real time.
#pragma warning disable RS0030
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
#pragma warning restore RS0030

    private readonly List<Action> _whenRunning = [];

    private readonly HashSet<IReactorResource> _ports = [];

    private readonly HashSet<IReactorResource> _attempts = [];

    private readonly HashSet<IReactorResource> _connections = [];

    private readonly Stack<int> _freeSlots = new();

    private readonly SemaphoreSlim _poolGate;

    private readonly ShutdownTriggers _shutdownTriggers;

    private readonly Logger? _logger;

    private bool _shutdownTriggersDone;

    /// <summary>A turn that read this many bytes or more is bulk transfer, after which the loop does not spin.</summary>
    private const int SpinReceiveLimit = 16 * 1024;

    private readonly long _spinTicks;

    private bool _dispatched;

    private long _receivedThisTurn;

    private IPollable?[] _slots = new IPollable?[256];

    private uint[] _generations = new uint[256];

    private int _nextSlot;

    private readonly WorkList<TcpConnection> _flushes;

    private readonly WorkList<IRetryable> _retries;

    private int _wakePending;

    private int _state;

    private volatile bool _stopRequested;

    private volatile bool _running;

    private bool _pollerClosed;

    /// <summary>Initializes a reactor with default options.</summary>
    public SocketReactor()
        : this(new SocketReactorOptions())
    {
    }

    /// <summary>Initializes a reactor with <paramref name="options"/>.</summary>
    /// <param name="options">The settings; read once, here.</param>
    /// <exception cref="ArgumentOutOfRangeException">The low water mark exceeds the high water mark.</exception>
    public SocketReactor(SocketReactorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        ReadBuffer = GC.AllocateUninitializedArray<byte>(options.ReadBufferSize);
        _poolGate = new SemaphoreSlim(options.ThreadPoolSize, options.ThreadPoolSize);
        _spinTicks = options.SpinBeforeWait.Ticks;
        _shutdownTriggers = new ShutdownTriggers((what, error) => ReportError(new InvalidOperationException($"{what}: {error.Message}", error)));
        _poller = !options.UsePortablePoller && EpollPoller.IsSupported ? new EpollPoller() : new SelectPoller();
        _dispatch = Dispatch;
        _flushes = new WorkList<TcpConnection>(
            static connection =>
            {
                connection.FlushQueued = false;
                connection.Flush();
            },
            ReportError);
        _retries = new WorkList<IRetryable>(
            static item =>
            {
                item.RetryQueued = false;
                item.Retry();
            },
            ReportError);

        // The real reactor is the one place that reads the wall clock: TimeProvider.GetUtcNow must be real time.
#pragma warning disable RS0030
        _loop = new EventLoop(DateTimeOffset.UtcNow, WakeLoop, ReportError)
#pragma warning restore RS0030
        {
            // Each turn bounds its timers and ready work itself, so sockets are always served; real time moves anyway.
            MaxCallsPerInstant = int.MaxValue,
        };
        TimeProvider = _loop.TimeProvider;
        _logger = options.Log is { } log ? new Logger("Trial.Sockets.SocketReactor", log, TimeProvider) : null;
    }

    /// <inheritdoc/>
    /// <remarks>The monotonic time since the reactor was made.</remarks>
    public TimeSpan Now => TimeSpan.FromTicks(CurrentTicks());

    /// <inheritdoc/>
    /// <remarks>
    /// Its wall time is the real time when the reactor was made plus the loop's time. Timers fire on the loop thread
    /// with no synchronization context, so a <c>ConfigureAwait(false)</c> continuation of a task one completes runs
    /// there too; its timers may be created and disposed from any thread.
    /// </remarks>
    public TimeProvider TimeProvider { get; }

    /// <inheritdoc/>
    public bool Running => _running;

    /// <inheritdoc/>
    public SynchronizationContext SynchronizationContext => _loop.SynchronizationContext;

    /// <summary>Gets a value indicating whether the loop uses epoll (rather than the portable poller).</summary>
    public bool UsesEpoll => _poller is EpollPoller;

    internal SocketReactorOptions Options { get; }

    /// <summary>Gets the buffer every read fills; its contents are valid only during the read's callbacks.</summary>
    internal byte[] ReadBuffer { get; }

    internal bool IsOnLoopThread => _loop.IsOnLoopThread;

    /// <summary>Gets a snapshot of the ports, connection attempts and connections still open; read it on the reactor's thread.</summary>
    internal IReadOnlyList<object> OpenResources => [.. _ports, .. _attempts, .. _connections];

    /// <inheritdoc/>
    /// <remarks>
    /// The delay is measured from the current monotonic time. Safe from any thread (it wakes the loop).
    /// </remarks>
    /// <exception cref="InvalidOperationException">The reactor has stopped: the call would never run.</exception>
    public IDelayedCall CallLater(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return _loop.CallAt(TimeSpan.FromTicks(Ticks.DueAfter(CurrentTicks(), delay, nameof(delay))), action);
    }

    /// <inheritdoc/>
    public IReadOnlyList<IDelayedCall> GetDelayedCalls() => _loop.GetDelayedCalls();

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The reactor has stopped: the work would never run.</exception>
    public void CallSoon(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _loop.Post(action);
    }

    /// <inheritdoc/>
    /// <remarks>Wakes the loop if it is waiting. Work handed over while the reactor stops still runs before it ends.</remarks>
    /// <exception cref="InvalidOperationException">The reactor has stopped: the work would never run.</exception>
    public void CallFromThread(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _loop.Post(action);
    }

    /// <inheritdoc/>
    public void CallWhenRunning(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (_running)
        {
            CallSoon(action);
        }
        else
        {
            _whenRunning.Add(action);
        }
    }

    /// <summary>Runs <paramref name="func"/> on the loop and completes with its result; safe from any thread.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="func">The work.</param>
    /// <returns>A task that completes with the result or the exception; its continuations do not run on the loop's thread inline.</returns>
    /// <exception cref="InvalidOperationException">The reactor has stopped: the work would never run.</exception>
    public Task<T> InvokeAsync<T>(Func<T> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        CallFromThread(() =>
        {
            try
            {
                completion.SetResult(func());
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        });
        return completion.Task;
    }

    /// <summary>Runs <paramref name="action"/> on the loop and completes when it has run; safe from any thread.</summary>
    /// <param name="action">The work.</param>
    /// <returns>A task that completes when the work has run, or with its exception.</returns>
    /// <exception cref="InvalidOperationException">The reactor has stopped: the work would never run.</exception>
    public Task InvokeAsync(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return InvokeAsync(() =>
        {
            action();
            return true;
        });
    }

    /// <summary>
    /// Starts the asynchronous <paramref name="func"/> on the loop, with its synchronization context installed so
    /// its <c>await</c>s come back to the loop, and completes with the result of the task it returns; safe from
    /// any thread.
    /// </summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="func">Starts the work.</param>
    /// <returns>A task that completes with the work's result or exception (not a task of a task).</returns>
    /// <exception cref="InvalidOperationException">The reactor has stopped: the work would never run.</exception>
    public Task<T> InvokeAsync<T>(Func<Task<T>> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return InvokeAsync<Task<T>>(func).Unwrap();
    }

    /// <summary>
    /// Starts the asynchronous <paramref name="func"/> on the loop, with its synchronization context installed so
    /// its <c>await</c>s come back to the loop, and completes when the task it returns completes; safe from any thread.
    /// </summary>
    /// <param name="func">Starts the work.</param>
    /// <returns>A task that completes with the work (not a task of a task).</returns>
    /// <exception cref="InvalidOperationException">The reactor has stopped: the work would never run.</exception>
    public Task InvokeAsync(Func<Task> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return InvokeAsync<Task>(func).Unwrap();
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The reactor is running or has already run.</exception>
    public void Run()
    {
        int state = Interlocked.CompareExchange(ref _state, 1, 0);
        if (state != 0)
        {
            throw new InvalidOperationException(state == 1 ? "The reactor is already running." : "The reactor has already run; a SocketReactor runs once.");
        }

        // Timers and I/O callbacks run with no synchronization context (so continuations they complete can run
        // inline); posted work runs with the loop's context installed (so plain awaits come back).
        using var scope = _loop.Enter("The reactor cannot run");
        _running = true;
        try
        {
            foreach (var action in _whenRunning)
            {
                _loop.Post(action);
            }

            _whenRunning.Clear();
            Loop();
        }
        finally
        {
            try
            {
                Shutdown();
            }
            finally
            {
                // Work handed over until now still runs; later work fails at once instead of waiting forever.
                _loop.Close(StoppedMessage);
                _loop.RunReady(_loop.ReadyCount);
                _running = false;
                Volatile.Write(ref _state, 2);
                ClosePoller();
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>Safe from any thread, and before <see cref="Run"/> (which then returns at once).</remarks>
    public void Stop()
    {
        _stopRequested = true;
        if (!IsOnLoopThread)
        {
            WakeLoop();
        }
    }

    /// <summary>Runs the reactor on a new background thread, for tests and hosts that own another thread.</summary>
    /// <param name="name">The thread's name.</param>
    /// <returns>A handle that stops the reactor and joins the thread with a bounded wait.</returns>
    public SocketReactorThread StartOnBackgroundThread(string name = "Trial.SocketReactor")
    {
        var handle = new SocketReactorThread(this, name);
        handle.Start();
        return handle;
    }

    /// <summary>Releases the poller when the reactor never ran; a reactor that ran has released it already.</summary>
    public void Dispose()
    {
        if (Interlocked.CompareExchange(ref _state, 2, 0) == 0)
        {
            _loop.Close(StoppedMessage);
            ClosePoller();
        }

        // The DeferToThread gate is not disposed: work still running on the pool releases it when done.
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the thread pool, at most <see cref="SocketReactorOptions.ThreadPoolSize"/>
    /// at a time, and completes the returned task on the loop.
    /// </summary>
    /// <inheritdoc/>
    /// <remarks>
    /// At most <see cref="SocketReactorOptions.ThreadPoolSize"/> work items run at once, on the thread pool; the
    /// deferred fires on the reactor's thread.
    /// </remarks>
    public Deferred<T> DeferToThread<T>(Func<T> work)
    {
        var deferred = new Deferred<T>();
        RunOnPool(work).ContinueWith(
            static (task, state) =>
            {
                var d = (Deferred<T>)state!;
                if (task.IsCompletedSuccessfully)
                {
                    d.Callback(task.Result);
                }
                else
                {
                    d.Errback(task.Exception!.InnerException ?? task.Exception);
                }
            },
            deferred,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return deferred;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Call it on the reactor's thread, or before <see cref="Run"/>. On <see cref="Stop"/> the loop keeps running
    /// until every deferred returned by a <see cref="ShutdownPhase.Before"/> trigger has fired, then runs the
    /// <see cref="ShutdownPhase.During"/> and <see cref="ShutdownPhase.After"/> triggers, then closes what is open.
    /// </remarks>
    public IDisposable AddShutdownTrigger(ShutdownPhase phase, Func<Deferred?> trigger) => _shutdownTriggers.Add(phase, trigger);

    /// <summary>
    /// Runs <paramref name="work"/> on the thread pool, at most <see cref="SocketReactorOptions.ThreadPoolSize"/>
    /// at a time, and completes the returned task on the loop.
    /// </summary>
    internal Task<T> RunOnPool<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var completion = new TaskCompletionSource<T>();
        _ = Task.Run(async () =>
        {
            await _poolGate.WaitAsync().ConfigureAwait(false);
            T result = default!;
            Exception? error = null;
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                error = e;
            }
            finally
            {
                _poolGate.Release();
            }

            void Complete()
            {
                if (error is null)
                {
                    completion.SetResult(result);
                }
                else
                {
                    completion.SetException(error);
                }
            }

            if (!_loop.TryPost(Complete))
            {
                Complete();
            }
        });
        return completion.Task;
    }
}
