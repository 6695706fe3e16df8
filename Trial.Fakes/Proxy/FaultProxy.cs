using System.Net;
using Trial.Addresses;
using Trial.Protocols;
using Trial.Randomness;
using Trial.Reactors;
using Trial.Sockets;

namespace Trial.Fakes.Proxy;

/// <summary>
/// A TCP proxy that injects toxiproxy's faults (latency and jitter, bandwidth, slicer, slow close, timeout, reset
/// peer and limit data), each on one direction and for a chosen share of connections, on any reactor: between
/// simulated hosts on virtual time, or between real sockets on the <see cref="SocketReactor"/>. Toxics can be
/// added and removed while connections are open.
/// </summary>
/// <remarks>
/// <para>
/// Clients connect to <see cref="Address"/>; for each, the proxy connects to <see cref="Upstream"/> and relays
/// bytes both ways through the toxics of that direction, in the order they were added. A clean close passes
/// through the toxics too (so a slow close delays it) and closes the other direction after what that direction
/// holds; a reset or other non-clean end resets the other side at once. Which connections get a toxic (its
/// toxicity), jitter and slice sizes are drawn from a <see cref="SeededRandom"/>, and every delay is a delayed
/// call on the reactor, so on a virtual-time reactor a seed and the same events give the same run.
/// </para>
/// <para>
/// On the <see cref="SocketReactor"/> the proxy binds loopback only, and only proxies to loopback: it is a test
/// tool, not a network one. The <c>...Async</c> members are safe from any thread; the others must run on the
/// reactor's thread.
/// </para>
/// </remarks>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly IReactor _reactor;
    private readonly SeededRandom _random;
    private readonly List<Toxic> _toxics = [];
    private readonly HashSet<ProxyConnection> _connections = [];
    private readonly Lock _gate = new();
    private IListeningPort? _port;

    private FaultProxy(IReactor reactor, TcpAddress upstream, ulong seed)
    {
        _reactor = reactor;
        Upstream = upstream;
        _random = new SeededRandom(seed);
    }

    /// <summary>Gets the address clients connect to, as the listening port reports it (with the port chosen for a requested 0).</summary>
    public TcpAddress Address { get; private set; } = null!;

    /// <summary>Gets the server the proxy relays to.</summary>
    public TcpAddress Upstream { get; }

    /// <summary>Gets the toxics in force, in the order they act; safe from any thread.</summary>
    public IReadOnlyList<Toxic> Toxics
    {
        get
        {
            lock (_gate)
            {
                return [.. _toxics];
            }
        }
    }

    /// <summary>Gets the number of client connections the proxy is relaying now.</summary>
    public int ConnectionCount => _connections.Count;

    internal IReactor Reactor => _reactor;

    /// <summary>Starts a proxy to <paramref name="upstream"/> on <paramref name="reactor"/>; run on the reactor's thread.</summary>
    /// <param name="reactor">The reactor the proxy lives on.</param>
    /// <param name="upstream">The server to relay to (a loopback one on the <see cref="SocketReactor"/>).</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The listening proxy.</returns>
    /// <exception cref="ArgumentException">On the <see cref="SocketReactor"/>, the listening host or the upstream host is not a loopback address.</exception>
    public static FaultProxy Start(IReactor reactor, TcpAddress upstream, FaultProxyOptions? options = null)
    {
        var settings = Check(reactor, upstream, options);
        return Listen(reactor, upstream, settings);
    }

    /// <summary>Starts a proxy to <paramref name="upstream"/> on <paramref name="reactor"/>; safe from any thread.</summary>
    /// <param name="reactor">The reactor the proxy lives on.</param>
    /// <param name="upstream">The server to relay to (a loopback one on the <see cref="SocketReactor"/>).</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <returns>A task that completes, on the reactor's loop, with the listening proxy.</returns>
    /// <exception cref="ArgumentException">On the <see cref="SocketReactor"/>, the listening host or the upstream host is not a loopback address.</exception>
    public static Task<FaultProxy> StartAsync(IReactor reactor, TcpAddress upstream, FaultProxyOptions? options = null)
    {
        var settings = Check(reactor, upstream, options);
        return ReactorInvocation.InvokeAsync(reactor, () => Listen(reactor, upstream, settings));
    }

    /// <summary>Adds a toxic: open connections draw for it now, new ones when they arrive. Run on the reactor's thread.</summary>
    /// <param name="toxic">The toxic; its effective name must be new to this proxy.</param>
    /// <exception cref="ArgumentException">A toxic with the same name is already in force.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The toxic's settings contradict each other (the message says which).</exception>
    public void AddToxic(Toxic toxic)
    {
        ArgumentNullException.ThrowIfNull(toxic);
        toxic.Validate();
        lock (_gate)
        {
            if (_toxics.Any(t => t.EffectiveName == toxic.EffectiveName))
            {
                throw new ArgumentException($"The proxy already has a toxic named '{toxic.EffectiveName}'.", nameof(toxic));
            }

            _toxics.Add(toxic);
        }

        foreach (var connection in _connections.ToArray())
        {
            Attach(connection, toxic);
        }
    }

    /// <summary>
    /// Removes the toxic named <paramref name="name"/>: what it held is passed on at once (a timeout toxic closes the
    /// connection instead, as in toxiproxy). Run on the reactor's thread.
    /// </summary>
    /// <param name="name">The toxic's effective name.</param>
    /// <exception cref="ArgumentException">No toxic has that name.</exception>
    public void RemoveToxic(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            if (_toxics.RemoveAll(t => t.EffectiveName == name) == 0)
            {
                throw new ArgumentException($"The proxy has no toxic named '{name}'; it has: {string.Join(", ", _toxics.Select(t => t.EffectiveName))}.", nameof(name));
            }
        }

        foreach (var connection in _connections.ToArray())
        {
            connection.Upstream?.RemoveToxic(name);
            connection.Downstream?.RemoveToxic(name);
        }
    }

    /// <summary>Adds a toxic from any thread; see <see cref="AddToxic"/>.</summary>
    /// <param name="toxic">The toxic.</param>
    /// <returns>A task that completes when the toxic is in force.</returns>
    public Task AddToxicAsync(Toxic toxic)
    {
        ArgumentNullException.ThrowIfNull(toxic);
        return ReactorInvocation.InvokeAsync(_reactor, () => AddToxic(toxic));
    }

    /// <summary>Removes a toxic from any thread; see <see cref="RemoveToxic"/>.</summary>
    /// <param name="name">The toxic's effective name.</param>
    /// <returns>A task that completes when the toxic is gone.</returns>
    public Task RemoveToxicAsync(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ReactorInvocation.InvokeAsync(_reactor, () => RemoveToxic(name));
    }

    /// <summary>Stops listening and resets every open proxied connection; run on the reactor's thread.</summary>
    public void Stop()
    {
        _port?.StopListening();
        _port = null;
        foreach (var connection in _connections.ToArray())
        {
            connection.ResetBoth();
        }
    }

    /// <summary>Stops listening and resets every open proxied connection; safe from any thread.</summary>
    /// <returns>A task that completes when the proxy is closed (at once, having stopped it here, if the reactor is not running).</returns>
    public Task StopAsync()
    {
        if (_reactor.Running)
        {
            return ReactorInvocation.InvokeAsync(_reactor, Stop);
        }

        Stop();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => new(StopAsync());

    internal void Attach(ProxyConnection connection)
    {
        _connections.Add(connection);
        foreach (var toxic in Toxics)
        {
            Attach(connection, toxic);
        }
    }

    internal void Forget(ProxyConnection connection) => _connections.Remove(connection);

    /// <summary>Checks the arguments and takes the options' values now, so later changes to them do not reach the proxy.</summary>
    private static (string Host, int Port, ulong Seed) Check(IReactor reactor, TcpAddress upstream, FaultProxyOptions? options)
    {
        ArgumentNullException.ThrowIfNull(reactor);
        ArgumentNullException.ThrowIfNull(upstream);
        options ??= new FaultProxyOptions();
        if (reactor is not SocketReactor)
        {
            return (options.ListenHost ?? string.Empty, options.ListenPort, options.Seed);
        }

        string host = options.ListenHost ?? "127.0.0.1";
        RequireLoopback(host, nameof(options));
        RequireLoopback(upstream.Host, nameof(upstream));
        return (host, options.ListenPort, options.Seed);
    }

    private static FaultProxy Listen(IReactor reactor, TcpAddress upstream, (string Host, int Port, ulong Seed) settings)
    {
        var proxy = new FaultProxy(reactor, upstream, settings.Seed);
        proxy._port = reactor.ListenTcp(settings.Port, new Factory(_ => proxy.Accept()), host: settings.Host);
        proxy.Address = proxy._port.LocalAddress as TcpAddress
            ?? throw new InvalidOperationException($"The reactor's listening port reported {proxy._port.LocalAddress}, not a TCP address.");
        return proxy;
    }

    private static void RequireLoopback(string host, string name)
    {
        bool loopback = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
        if (!loopback)
        {
            throw new ArgumentException($"On the socket reactor the fault proxy works on loopback only (127.0.0.0/8, ::1, localhost), but was given '{host}'.", name);
        }
    }

    private IProtocol Accept() => new ProxyConnection(this).ClientSide();

    private void Attach(ProxyConnection connection, Toxic toxic)
    {
        var link = toxic.Direction == ToxicDirection.Upstream ? connection.Upstream : connection.Downstream;
        if (link is not null && _random.NextDouble() < toxic.Toxicity)
        {
            link.AddToxic(toxic, toxic.CreateStage(link, _random));
        }
    }
}
