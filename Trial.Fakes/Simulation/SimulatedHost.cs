using System.Globalization;
using System.Net;
using System.Net.Security;
using Trial.Addresses;
using Trial.Deferreds;
using Trial.Protocols;
using Trial.Randomness;
using Trial.Reactors;
using Trial.Time;
using Trial.Transports;

namespace Trial.Fakes.Simulation;

/// <summary>
/// A host of a <see cref="SimulatedNetwork"/>, and its reactor: protocol code written against <see cref="IReactor"/>
/// runs on it unchanged, on the network's virtual time.
/// </summary>
/// <remarks>
/// <para>
/// It listens and connects over simulated TCP (by host name or address), opens UDP ports, schedules delayed calls and
/// timers (<see cref="TimeProvider"/>), and posts <c>await</c> continuations to the network's loop
/// (<see cref="SynchronizationContext"/>). Everything runs on the thread that runs the network.
/// </para>
/// <para>
/// <see cref="Crash"/> kills the host: its delayed calls and timers die, its ports close and its connections end
/// without a callback. <see cref="Restart"/> brings it back and runs its start-up again. TLS is not simulated.
/// </para>
/// </remarks>
public sealed class SimulatedHost : IReactor
{
    private readonly Action<SimulatedHost>? _startup;
    private readonly Dictionary<long, StreamEnd> _connections = [];
    private readonly HostTimeProvider _timeProvider;
    private readonly ShutdownTriggers _shutdownTriggers;
    private int _nextPort = 49152;
    private bool _stopped;

    internal SimulatedHost(SimulatedNetwork network, int id, string name, IPAddress address, Action<SimulatedHost>? startup)
    {
        Network = network;
        Id = id;
        Name = name;
        Address = address;
        _startup = startup;
        _timeProvider = new HostTimeProvider(network.Clock.TimeProvider);
        _shutdownTriggers = new ShutdownTriggers((what, error) => network.ReportError(this, what, error));
        Random = network.ForkRandom(0x486F7374UL + (ulong)id);
    }

    /// <summary>Gets the host's name, unique in its network.</summary>
    public string Name { get; }

    /// <summary>Gets the host's address, unique in its network.</summary>
    public IPAddress Address { get; }

    /// <summary>Gets the network the host belongs to.</summary>
    public SimulatedNetwork Network { get; }

    /// <summary>Gets a value indicating whether the host is crashed and not yet restarted.</summary>
    public bool IsDown { get; private set; }

    /// <summary>Gets how many times the host has been restarted.</summary>
    public int Restarts { get; private set; }

    /// <summary>Gets a seeded random source of the host's own (for back-off jitter and the like), derived from the network's seed.</summary>
    public IRandomSource Random { get; }

    /// <summary>Gets the number of connections of the host that are open.</summary>
    public int ConnectionCount => _connections.Count;

    /// <inheritdoc/>
    public TimeSpan Now => Network.Clock.Now;

    /// <inheritdoc/>
    /// <remarks>Its timers belong to the host: they die when it crashes.</remarks>
    public TimeProvider TimeProvider => _timeProvider;

    /// <inheritdoc/>
    /// <remarks>The network's loop: it runs whenever the network runs.</remarks>
    public bool Running => Network.Running && !IsDown && !_stopped;

    /// <inheritdoc/>
    public SynchronizationContext SynchronizationContext => Network.Clock.SynchronizationContext;

    internal int Id { get; }

    internal HostCallList Calls { get; } = new();

    internal Dictionary<int, SimulatedListeningPort> Listeners { get; } = [];

    internal Dictionary<int, DatagramPort> DatagramPorts { get; } = [];

    /// <summary>Gets the host's connection attempts in progress, oldest first.</summary>
    internal LinkedList<SimulatedConnector> Attempts { get; } = [];

    /// <summary>Gets a value indicating whether the host's machine is down: what is sent to it vanishes, unanswered.</summary>
    internal bool Silent { get; private set; }

    /// <summary>Gets or sets the tick until which everything in and out of the host waits.</summary>
    internal long ClogUntil { get; set; }

    /// <inheritdoc/>
    public IDelayedCall CallLater(TimeSpan delay, Action action) => HostCall.Schedule(this, delay, action, traced: true);

    /// <inheritdoc/>
    public IReadOnlyList<IDelayedCall> GetDelayedCalls() => Calls.Snapshot();

    /// <inheritdoc/>
    public void CallSoon(Action action) => HostCall.Schedule(this, TimeSpan.Zero, action, traced: false);

    /// <inheritdoc/>
    /// <remarks>Posts to the network's loop; the only member safe to call from another thread.</remarks>
    public void CallFromThread(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        SynchronizationContext.Post(static state => ((Action)state!)(), action);
    }

    /// <inheritdoc/>
    public void CallWhenRunning(Action action) => CallSoon(action);

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The port is in use on this host.</exception>
    public IListeningPort ListenTcp(int port, IProtocolFactory factory, int backlog = 50, string host = "")
    {
        ArgumentNullException.ThrowIfNull(factory);
        int chosen = ChoosePort(port, Listeners.ContainsKey, "TCP");
        var listening = new SimulatedListeningPort(this, chosen, factory);
        Trial.Diagnostics.ResourceOrigins.Record(listening);
        Listeners.Add(chosen, listening);
        factory.DoStart();
        Network.Record(TraceEventKind.Listen, Id, -1, 0, 0, string.Create(CultureInfo.InvariantCulture, $"TCP {Address}:{chosen}"));
        return listening;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// <paramref name="host"/> is a host name or an address in the network. The request is sent again after
    /// <see cref="NetworkOptions.ConnectRetransmit"/> (doubling) while it gets no answer; the attempt fails with
    /// <see cref="Trial.Errors.ConnectionRefusedException"/> when nothing listens on the port,
    /// <see cref="Trial.Errors.ConnectAttemptTimedOutException"/> when <paramref name="timeout"/> passes, and
    /// <see cref="Trial.Errors.NoRouteException"/> when no such host exists.
    /// </remarks>
    public IConnector ConnectTcp(string host, int port, ClientFactory factory, TimeSpan? timeout = null, IAddress? bindAddress = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(factory);
        var connector = new SimulatedConnector(this, host, AddressChecks.Port(port, nameof(port)), factory, timeout ?? TimeSpan.FromSeconds(30));
        Trial.Diagnostics.ResourceOrigins.Record(connector);
        connector.Connect();
        return connector;
    }

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">Always: the simulated network carries plain TCP only.</exception>
    public IListeningPort ListenTls(int port, IProtocolFactory factory, SslServerAuthenticationOptions options, int backlog = 50, string host = "") =>
        throw new NotSupportedException("The simulated network does not simulate TLS; listen with ListenTcp.");

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">Always: the simulated network carries plain TCP only.</exception>
    public IConnector ConnectTls(string host, int port, ClientFactory factory, SslClientAuthenticationOptions options, TimeSpan? timeout = null, IAddress? bindAddress = null) =>
        throw new NotSupportedException("The simulated network does not simulate TLS; connect with ConnectTcp.");

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The port is in use on this host.</exception>
    public IDatagramTransport ListenUdp(int port, IDatagramProtocol protocol, string host = "", int maxPacketSize = 8192)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        int chosen = ChoosePort(port, DatagramPorts.ContainsKey, "UDP");
        var datagramPort = new DatagramPort(this, chosen, protocol, maxPacketSize);
        Trial.Diagnostics.ResourceOrigins.Record(datagramPort);
        DatagramPorts.Add(chosen, datagramPort);
        Network.Record(TraceEventKind.Listen, Id, -1, 0, 0, string.Create(CultureInfo.InvariantCulture, $"UDP {Address}:{chosen}"));
        protocol.MakeConnection(datagramPort);
        return datagramPort;
    }

    /// <inheritdoc/>
    /// <remarks>Deterministic, as Twisted's tests make it: runs <paramref name="work"/> at once and returns a deferred that has fired.</remarks>
    public Deferred<T> DeferToThread<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        T result;
        try
        {
            result = work();
        }
        catch (Exception error)
        {
            return Deferred.Fail<T>(error);
        }

        return Deferred.Succeed(result);
    }

    /// <inheritdoc/>
    public IDisposable AddShutdownTrigger(ShutdownPhase phase, Func<Deferred?> trigger) => _shutdownTriggers.Add(phase, trigger);

    /// <inheritdoc/>
    /// <remarks>Runs the whole network until <see cref="Stop"/> is called on this host, or nothing is left to run.</remarks>
    public void Run() => Network.RunUntil(() => _stopped, TimeSpan.MaxValue / 4);

    /// <inheritdoc/>
    /// <remarks>Runs the shutdown triggers, then closes the host's connections gracefully and its ports.</remarks>
    public void Stop() => _shutdownTriggers.Run(() =>
    {
        _stopped = true;
        foreach (var end in OrderedConnections())
        {
            end.LoseConnection();
        }
    });

    /// <summary>Crashes the host: its calls and timers die, its ports close and its connections end with no callback.</summary>
    /// <param name="kind">
    /// <see cref="CrashKind.Process"/>: the peers of its connections see resets. <see cref="CrashKind.Machine"/>: they
    /// see silence, and their connections time out when they next send (<see cref="NetworkOptions.UserTimeout"/>).
    /// </param>
    /// <exception cref="InvalidOperationException">The host is already down.</exception>
    public void Crash(CrashKind kind = CrashKind.Process)
    {
        if (IsDown)
        {
            throw new InvalidOperationException($"Host {Name} is already down (crashed at or before {Now}).");
        }

        Network.Record(TraceEventKind.Crash, Id, -1, 0, 0, kind.ToString());
        Network.FaultCoverage.Add(kind == CrashKind.Process ? FaultKind.ProcessCrash : FaultKind.MachineCrash);
        Silent = kind == CrashKind.Machine;
        Calls.KillAll();
        _timeProvider.DisposeAll();
        foreach (var end in OrderedConnections())
        {
            end.Kill(reset: kind == CrashKind.Process);
        }

        _connections.Clear();
        Listeners.Clear();
        DatagramPorts.Clear();
        Attempts.Clear();
        IsDown = true;
    }

    /// <summary>Restarts a crashed host: it comes back up with nothing open, and its start-up runs again.</summary>
    /// <exception cref="InvalidOperationException">The host is not down.</exception>
    public void Restart()
    {
        if (!IsDown)
        {
            throw new InvalidOperationException($"Host {Name} is not down; crash it before restarting it.");
        }

        IsDown = false;
        Silent = false;
        _stopped = false;
        Restarts++;
        Network.Record(TraceEventKind.Restart, Id, -1, 0, 0);
        Network.FaultCoverage.Add(FaultKind.Restart);
        Start();
    }

    /// <inheritdoc/>
    public override string ToString() => $"SimulatedHost({Name}, {Address})";

    /// <summary>Schedules the start-up the host was added with at the current instant, so hosts added together start together.</summary>
    internal void Start()
    {
        if (_startup is { } startup)
        {
            HostCall.Schedule(this, TimeSpan.Zero, () => startup(this), traced: false);
        }
    }

    internal int NextEphemeralPort()
    {
        int port = _nextPort;
        _nextPort = _nextPort == 65535 ? 49152 : _nextPort + 1;
        return port;
    }

    internal void Adopt(StreamEnd end) => _connections.Add(end.ConnectionId, end);

    internal void Forget(StreamEnd end) => _connections.Remove(end.ConnectionId);

    internal List<StreamEnd> OrderedConnections()
    {
        var ends = new List<StreamEnd>(_connections.Values);
        ends.Sort(static (a, b) => a.ConnectionId.CompareTo(b.ConnectionId));
        return ends;
    }

    private int ChoosePort(int port, Func<int, bool> taken, string kind)
    {
        AddressChecks.Port(port, nameof(port));
        if (IsDown)
        {
            throw new InvalidOperationException($"Host {Name} is down; it cannot listen until it restarts.");
        }

        if (port == 0)
        {
            do
            {
                port = NextEphemeralPort();
            }
            while (taken(port));
        }
        else if (taken(port))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{kind} port {port} is already in use on host {Name}."));
        }

        return port;
    }
}
