using System.Globalization;
using System.Net.Security;
using Trial.Addresses;
using Trial.Deferreds;
using Trial.Fakes.Time;
using Trial.Protocols;
using Trial.Reactors;
using Trial.Time;
using Trial.Transports;

namespace Trial.Fakes.Memory;

/// <summary>
/// A reactor that records every listen and connect with its arguments instead of touching the network, for
/// testing code that sets up servers and clients. Nothing connects by itself: a
/// <see cref="IOSim.ConnectionCompleter"/> completes or fails the recorded attempts.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Run"/> runs no loop: it sets <see cref="Running"/> and <see cref="HasRun"/>, runs the
/// <see cref="CallWhenRunning"/> hooks and returns, leaving the reactor running until <see cref="Stop"/> or
/// <see cref="Crash"/>. While it runs, <see cref="CallWhenRunning"/> runs its action at once.
/// </para>
/// <para>
/// Listening calls the factory's <c>DoStart</c>; stopping the port calls <c>DoStop</c> and removes its record.
/// <see cref="ConnectTcp"/> and <see cref="ConnectTls"/> call the factory's <c>StartedConnecting</c> and return a
/// connector that stays connecting (it never times out) until completed, failed or stopped.
/// </para>
/// <para>
/// Time stands still on a plain memory reactor: delayed calls and <see cref="CallSoon"/> work are held but never
/// run. Use <see cref="MemoryReactorClock"/> to move time and run them.
/// </para>
/// </remarks>
public class MemoryReactor : IReactor
{
    /// <summary>The connect timeout recorded when none is given.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(30);

    private readonly Clock _clock;
    private readonly List<Action> _whenRunning = [];
    private readonly List<TcpServerRecord> _tcpServers = [];
    private readonly List<TcpClientRecord> _tcpClients = [];
    private readonly List<TlsServerRecord> _tlsServers = [];
    private readonly List<TlsClientRecord> _tlsClients = [];
    private readonly List<UdpPortRecord> _udpPorts = [];
    private readonly List<IConnector> _connectors = [];
    private readonly ShutdownTriggers _shutdownTriggers = new(static (_, _) => { });

    /// <summary>Initializes a new memory reactor whose time stands still.</summary>
    public MemoryReactor()
        : this(new Clock())
    {
    }

    private protected MemoryReactor(Clock clock) => _clock = clock;

    /// <inheritdoc/>
    public bool Running { get; private set; }

    /// <summary>Gets a value indicating whether <see cref="Run"/> has been called.</summary>
    public bool HasRun { get; private set; }

    /// <summary>Gets a value indicating whether <see cref="Stop"/> has been called.</summary>
    public bool HasStopped { get; private set; }

    /// <summary>Gets a value indicating whether <see cref="Crash"/> has been called.</summary>
    public bool HasCrashed { get; private set; }

    /// <summary>Gets the <see cref="CallWhenRunning"/> hooks waiting for <see cref="Run"/>.</summary>
    public IReadOnlyList<Action> WhenRunningHooks => _whenRunning;

    /// <summary>Gets the <see cref="ListenTcp"/> calls whose ports still listen, in call order.</summary>
    public IReadOnlyList<TcpServerRecord> TcpServers => _tcpServers;

    /// <summary>Gets every <see cref="ConnectTcp"/> call, in call order.</summary>
    public IReadOnlyList<TcpClientRecord> TcpClients => _tcpClients;

    /// <summary>Gets the <see cref="ListenTls"/> calls whose ports still listen, in call order.</summary>
    public IReadOnlyList<TlsServerRecord> TlsServers => _tlsServers;

    /// <summary>Gets every <see cref="ConnectTls"/> call, in call order.</summary>
    public IReadOnlyList<TlsClientRecord> TlsClients => _tlsClients;

    /// <summary>Gets the <see cref="ListenUdp"/> calls whose ports are still open, in call order.</summary>
    public IReadOnlyList<UdpPortRecord> UdpPorts => _udpPorts;

    /// <summary>Gets the connectors returned by <see cref="ConnectTcp"/> and <see cref="ConnectTls"/>, in call order.</summary>
    public IReadOnlyList<IConnector> Connectors => _connectors;

    /// <inheritdoc/>
    public TimeSpan Now => _clock.Now;

    /// <inheritdoc/>
    public TimeProvider TimeProvider => _clock.TimeProvider;

    /// <inheritdoc/>
    public SynchronizationContext SynchronizationContext => _clock.SynchronizationContext;

    /// <summary>Gets the clock that drives this reactor's time, or <see langword="null"/> when its time stands still.</summary>
    internal virtual Clock? DrivingClock => null;

    /// <inheritdoc/>
    public IDelayedCall CallLater(TimeSpan delay, Action action) => _clock.CallLater(delay, action);

    /// <inheritdoc/>
    public IReadOnlyList<IDelayedCall> GetDelayedCalls() => _clock.GetDelayedCalls();

    /// <inheritdoc/>
    public void CallSoon(Action action) => _clock.Ready.Enqueue(action);

    /// <inheritdoc/>
    public void CallFromThread(Action action) => _clock.Ready.Enqueue(action);

    /// <inheritdoc/>
    /// <remarks>Runs <paramref name="action"/> at once when the reactor is running; otherwise keeps it for <see cref="Run"/>.</remarks>
    public void CallWhenRunning(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (Running)
        {
            action();
        }
        else
        {
            _whenRunning.Add(action);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Runs no loop: marks the reactor running, runs the waiting hooks in order, and returns.</remarks>
    /// <exception cref="InvalidOperationException">The reactor is already running.</exception>
    public void Run()
    {
        if (Running)
        {
            throw new InvalidOperationException("The memory reactor is already running.");
        }

        Running = true;
        HasRun = true;
        var hooks = _whenRunning.ToArray();
        _whenRunning.Clear();
        foreach (var hook in hooks)
        {
            hook();
        }
    }

    /// <inheritdoc/>
    /// <remarks>Only clears <see cref="Running"/> and sets <see cref="HasStopped"/>.</remarks>
    public void Stop()
    {
        Running = false;
        HasStopped = true;
    }

    /// <summary>Stops the reactor abruptly, as Twisted's <c>reactor.crash()</c>: clears <see cref="Running"/> and sets <see cref="HasCrashed"/>.</summary>
    public void Crash()
    {
        Running = false;
        HasCrashed = true;
    }

    /// <inheritdoc/>
    public IListeningPort ListenTcp(int port, IProtocolFactory factory, int backlog = 50, string host = "")
    {
        CheckListen(factory, host);
        BeforeListen();
        TcpServerRecord? record = null;
        var listening = StartListening(new TcpAddress(ListenHost(host), port), factory, () => _tcpServers.Remove(record!));
        record = new TcpServerRecord(port, factory, backlog, host, listening);
        _tcpServers.Add(record);
        return listening;
    }

    /// <inheritdoc/>
    public IConnector ConnectTcp(string host, int port, ClientFactory factory, TimeSpan? timeout = null, IAddress? bindAddress = null)
    {
        var connector = CheckConnect(host, port, factory, timeout, out var effectiveTimeout);
        _tcpClients.Add(new TcpClientRecord(host, port, factory, effectiveTimeout, bindAddress, connector));
        return StartConnecting(connector);
    }

    /// <inheritdoc/>
    public IListeningPort ListenTls(int port, IProtocolFactory factory, SslServerAuthenticationOptions options, int backlog = 50, string host = "")
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckListen(factory, host);
        BeforeListen();
        TlsServerRecord? record = null;
        var listening = StartListening(new TcpAddress(ListenHost(host), port), factory, () => _tlsServers.Remove(record!));
        record = new TlsServerRecord(port, factory, options, backlog, host, listening);
        _tlsServers.Add(record);
        return listening;
    }

    /// <inheritdoc/>
    public IConnector ConnectTls(string host, int port, ClientFactory factory, SslClientAuthenticationOptions options, TimeSpan? timeout = null, IAddress? bindAddress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connector = CheckConnect(host, port, factory, timeout, out var effectiveTimeout);
        _tlsClients.Add(new TlsClientRecord(host, port, factory, options, effectiveTimeout, bindAddress, connector));
        return StartConnecting(connector);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Returns a <see cref="FakeDatagramTransport"/> that records what the protocol writes, after attaching it to the
    /// protocol (which runs <c>StartProtocol</c>); stopping it runs <c>StopProtocol</c> and removes the record.
    /// </remarks>
    public IDatagramTransport ListenUdp(int port, IDatagramProtocol protocol, string host = "", int maxPacketSize = 8192)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPacketSize);
        BeforeListen();
        var transport = new FakeDatagramTransport(new UdpAddress(ListenHost(host), port));
        var record = new UdpPortRecord(port, protocol, host, maxPacketSize, transport);
        transport.Stopped = () =>
        {
            _udpPorts.Remove(record);
            protocol.StopProtocol();
        };
        _udpPorts.Add(record);
        protocol.MakeConnection(transport);
        return transport;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Deterministic, as Twisted's tests make it with a synchronous thread pool: runs <paramref name="work"/> at once
    /// on the calling thread and returns a deferred that has already fired with its result or failure.
    /// </remarks>
    public Deferred<T> DeferToThread<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        T result;
        try
        {
            result = work();
        }
        catch (Exception ex)
        {
            return Deferred.Fail<T>(ex);
        }

        return Deferred.Succeed(result);
    }

    /// <inheritdoc/>
    /// <remarks>Records the trigger (see <see cref="GetShutdownTriggers"/>); <see cref="Stop"/> does not run it.</remarks>
    public IDisposable AddShutdownTrigger(ShutdownPhase phase, Func<Deferred?> trigger) => _shutdownTriggers.Add(phase, trigger);

    /// <summary>Gets the shutdown triggers registered for <paramref name="phase"/> and not removed, in registration order.</summary>
    /// <param name="phase">The phase.</param>
    /// <returns>The triggers.</returns>
    public IReadOnlyList<Func<Deferred?>> GetShutdownTriggers(ShutdownPhase phase) => _shutdownTriggers.Triggers(phase);

    /// <summary>Runs before anything is recorded by a listen call; a subclass may throw to refuse it.</summary>
    private protected virtual void BeforeListen()
    {
    }

    /// <summary>Runs before anything is recorded by a connect call; a subclass may throw to refuse it.</summary>
    private protected virtual void BeforeConnect()
    {
    }

    private static string ListenHost(string host) => host.Length == 0 ? "0.0.0.0" : host;

    private static void CheckListen(IProtocolFactory factory, string host)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(host);
    }

    private static MemoryListeningPort StartListening(TcpAddress address, IProtocolFactory factory, Action removeRecord)
    {
        factory.DoStart();
        return new MemoryListeningPort(address, () =>
        {
            removeRecord();
            factory.DoStop();
        });
    }

    private MemoryConnector CheckConnect(string host, int port, ClientFactory factory, TimeSpan? timeout, out TimeSpan effectiveTimeout)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(factory);
        effectiveTimeout = timeout ?? DefaultConnectTimeout;
        if (effectiveTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, string.Create(CultureInfo.InvariantCulture, $"A connect timeout must be positive, but was {timeout}."));
        }

        var destination = new TcpAddress(host, port);
        BeforeConnect();
        return new MemoryConnector(destination, factory);
    }

    private MemoryConnector StartConnecting(MemoryConnector connector)
    {
        _connectors.Add(connector);
        connector.Start();
        return connector;
    }
}
