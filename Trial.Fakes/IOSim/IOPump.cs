using System.Globalization;
using Trial.Fakes.Time;

namespace Trial.Fakes.IOSim;

/// <summary>
/// Moves bytes and closes between the two ends of an in-memory connection, one round at a time, so a client and a
/// server can be tested together with no network and no threads.
/// </summary>
/// <remarks>
/// <para>
/// A round first advances <see cref="Clock"/> by <see cref="ClockStep"/> (running due calls and posted
/// <c>await</c> continuations). Then a pending abort is delivered (nothing else happens in that round); else the
/// bytes each end had written when the round began are delivered, client to server first, cut by
/// <see cref="Slicing"/>; and only in a round where no byte moved does a requested close or half-close take
/// effect, one per round. So on a graceful close every byte arrives before the loss.
/// </para>
/// <para>
/// An exception from a protocol callback propagates out of <see cref="Pump"/>; the bytes already handed over stay
/// delivered. The same calls always give the same deliveries.
/// </para>
/// <para>
/// Protocol callbacks run with no <see cref="SynchronizationContext"/>, so continuations that do not capture one
/// (<c>ConfigureAwait(false)</c>, common inside the BCL) run inline, in order, instead of on the thread pool.
/// Start async code with <see cref="Start(Func{Task})"/>: its awaits capture the clock's context and run on the
/// clock as the pump advances it.
/// </para>
/// </remarks>
public sealed partial class IOPump
{
    /// <summary>The default bound on the rounds of one <see cref="Flush"/> or <see cref="RunUntil(Func{bool})"/>: 1,000, as in Twisted.</summary>
    public const int DefaultMaxFlushRounds = 1000;

    private readonly bool _ownsClock;

    // The pump's own copy, so the caller's options can be reused; its setters are where every value is checked.
    private readonly IOPumpOptions _settings;
    private bool _pumping;

    private IOPump(FakeTransport client, FakeTransport server, IOPumpOptions settings, Clock? ownClock)
    {
        ClientTransport = client;
        ServerTransport = server;
        _settings = settings;
        _ownsClock = settings.Clock is null;
        Clock = settings.Clock ?? ownClock ?? new Clock();
    }

    /// <summary>Gets the client's end of the connection.</summary>
    public FakeTransport ClientTransport { get; }

    /// <summary>Gets the server's end of the connection.</summary>
    public FakeTransport ServerTransport { get; }

    /// <summary>Gets the clock advanced before each round: the one given in the options, or one of the pump's own.</summary>
    public Clock Clock { get; }

    /// <summary>Gets or sets how far <see cref="Clock"/> advances before each round.</summary>
    /// <value>The default comes from <see cref="IOPumpOptions.ClockStep"/>: zero.</value>
    public TimeSpan ClockStep
    {
        get => _settings.ClockStep;
        set => _settings.ClockStep = value;
    }

    /// <summary>Gets or sets how deliveries are cut into <c>DataReceived</c> calls.</summary>
    /// <value>The default comes from <see cref="IOPumpOptions.Slicing"/>: <see cref="Slicing.Whole"/>.</value>
    public Slicing Slicing
    {
        get => _settings.Slicing;
        set => _settings.Slicing = value;
    }

    /// <summary>Gets or sets where the pump writes a line for each delivery and close; <see langword="null"/> for none.</summary>
    public TextWriter? Trace
    {
        get => _settings.Trace;
        set => _settings.Trace = value;
    }

    /// <summary>Gets or sets how many rounds <see cref="Flush"/> and <see cref="RunUntil(Func{bool})"/> may take before they fail.</summary>
    /// <value>The default comes from <see cref="IOPumpOptions.MaxFlushRounds"/>: <see cref="DefaultMaxFlushRounds"/>.</value>
    public int MaxFlushRounds
    {
        get => _settings.MaxFlushRounds;
        set => _settings.MaxFlushRounds = value;
    }

    /// <summary>Gets the number of rounds pumped so far.</summary>
    public long Rounds { get; private set; }

    /// <summary>Runs one round: advances the clock, then moves the pending bytes each way, or an abort, or a close.</summary>
    /// <returns><see langword="true"/> if a byte, an abort or a close moved.</returns>
    /// <exception cref="InvalidOperationException">The pump is already running a round (it was called from a protocol callback).</exception>
    public bool Pump()
    {
        if (_pumping)
        {
            throw new InvalidOperationException("The pump cannot run a round from inside a callback of the round it is running.");
        }

        // Callbacks run with no synchronization context: a task completed in a callback then runs its
        // ConfigureAwait(false) continuations inline, in order, where with a context the runtime would send
        // them to the thread pool. Awaits that captured the clock's context are still posted to the clock.
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        _pumping = true;
        try
        {
            Rounds++;
            if (!_ownsClock || !Clock.Ready.IsEmpty || Clock.PendingCallCount > 0)
            {
                Clock.Advance(_settings.ClockStep);
            }

            return DeliverAbort() || MoveBytes() || DeliverClose(ClientTransport) || DeliverClose(ServerTransport);
        }
        finally
        {
            _pumping = false;
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>Pumps until a round moves nothing.</summary>
    /// <returns><see langword="true"/> if anything moved.</returns>
    /// <exception cref="InvalidOperationException">Every one of <see cref="MaxFlushRounds"/> rounds moved something: the ends may be answering each other forever.</exception>
    public bool Flush()
    {
        for (int round = 0; round < _settings.MaxFlushRounds; round++)
        {
            if (!Pump())
            {
                return round > 0;
            }
        }

        throw new InvalidOperationException(
            $"Flush did not settle within {_settings.MaxFlushRounds} rounds: something moved in every one ({Describe()}). The ends may be answering each other forever; if the exchange is just long, raise {nameof(MaxFlushRounds)}.");
    }

    /// <summary>
    /// Pumps until <paramref name="condition"/> holds; when a round moves nothing, runs the clock's posted work or
    /// jumps it to its next delayed call.
    /// </summary>
    /// <param name="condition">What to wait for; checked before each round.</param>
    /// <exception cref="InvalidOperationException">
    /// The condition fails and nothing can change it (no bytes move, nothing is posted or scheduled), or it still
    /// fails after <see cref="MaxFlushRounds"/> rounds.
    /// </exception>
    public void RunUntil(Func<bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        for (int round = 0; !condition(); round++)
        {
            if (round == _settings.MaxFlushRounds)
            {
                throw new InvalidOperationException($"The condition still did not hold after {_settings.MaxFlushRounds} rounds ({Describe()}, clock at {Clock.Now}).");
            }

            if (Pump() || !Clock.Ready.IsEmpty)
            {
                continue;
            }

            if (condition())
            {
                return;
            }

            if (!Clock.AdvanceToNextEvent())
            {
                throw new InvalidOperationException($"The condition does not hold and nothing can change it: no bytes move, and nothing is posted or scheduled on the clock ({Describe()}, clock at {Clock.Now}).");
            }
        }
    }

    /// <summary>Pumps until <paramref name="task"/> completes (successfully or not); see <see cref="RunUntil(Func{bool})"/>.</summary>
    /// <param name="task">The task to wait for, typically one from <see cref="Start(Func{Task})"/>.</param>
    public void RunUntil(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        RunUntil(() => task.IsCompleted);
    }

    /// <summary>
    /// Starts an asynchronous operation with <see cref="Clock"/>'s synchronization context as the current one, so its
    /// <c>await</c> continuations run on the clock, in order, as the pump advances it.
    /// </summary>
    /// <param name="operation">The operation; its first part runs before this method returns.</param>
    /// <returns>The operation's task; drive it with <see cref="RunUntil(Task)"/>.</returns>
    public Task Start(Func<Task> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return OnClock(operation);
    }

    /// <summary>
    /// Starts an asynchronous operation with <see cref="Clock"/>'s synchronization context as the current one, so its
    /// <c>await</c> continuations run on the clock, in order, as the pump advances it.
    /// </summary>
    /// <typeparam name="T">The operation's result type.</typeparam>
    /// <param name="operation">The operation; its first part runs before this method returns.</param>
    /// <returns>The operation's task; drive it with <see cref="RunUntil(Task)"/>.</returns>
    public Task<T> Start<T>(Func<Task<T>> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return OnClock(operation);
    }

    private TTask OnClock<TTask>(Func<TTask> operation)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(Clock.SynchronizationContext);
        try
        {
            return operation();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private void TraceLine(string text)
    {
        if (Trace is { } trace)
        {
            trace.WriteLine(_ownsClock
                ? string.Create(CultureInfo.InvariantCulture, $"round {Rounds}: {text}")
                : string.Create(CultureInfo.InvariantCulture, $"round {Rounds} at {Clock.Now}: {text}"));
        }
    }

    private string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"the client has {ClientTransport.BufferedByteCount} bytes buffered, the server {ServerTransport.BufferedByteCount}");
}
