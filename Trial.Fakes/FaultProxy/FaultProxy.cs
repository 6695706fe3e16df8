using System.Net;
using Trial.Addresses;
using Trial.Randomness;
using Trial.Reactors;
using Trial.Sockets;

namespace Trial.Fakes.FaultProxy;

/// <summary>
/// A loopback TCP proxy on the real socket reactor that injects toxiproxy's faults: latency and jitter,
/// bandwidth, slicer, slow close, timeout, reset peer and limit data, each on one direction and for a chosen
/// share of connections. Toxics can be added and removed while connections are open.
/// </summary>
/// <remarks>
/// <para>
/// Clients connect to <see cref="Address"/>; for each, the proxy connects to <see cref="Upstream"/> and relays
/// bytes both ways through the toxics of that direction, in the order they were added. A clean close passes
/// through the toxics too (so a slow close or a latency delays it); a reset or other non-clean end resets the
/// other side at once. Which connections get a toxic (its toxicity), jitter and slice sizes are drawn from a
/// <see cref="SeededRandom"/>, so a seed and the same sequence of events give the same choices.
/// </para>
/// <para>
/// The proxy binds loopback only, and only proxies to loopback: this is a test tool, not a network one.
/// The <c>...Async</c> members are safe from any thread; the others must run on the reactor's thread.
/// </para>
/// </remarks>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly SocketReactor _reactor;
    private readonly SeededRandom _random;
    private readonly List<ToxicOptions> _toxics = [];
    private readonly HashSet<ProxyConnection> _connections = [];
    private readonly Lock _gate = new();
    private IListeningPort? _port;

    private FaultProxy(SocketReactor reactor, TcpAddress upstream, FaultProxyOptions options)
    {
        _reactor = reactor;
        Upstream = upstream;
        _random = new SeededRandom(options.Seed);
        Address = new TcpAddress(options.ListenHost, options.ListenPort);
    }

    /// <summary>Gets the address clients connect to; its port is the one the system chose when the options asked for 0.</summary>
    public TcpAddress Address { get; private set; }

    /// <summary>Gets the server the proxy relays to.</summary>
    public TcpAddress Upstream { get; }

    /// <summary>Gets the toxics in force, in the order they act.</summary>
    public IReadOnlyList<ToxicOptions> Toxics
    {
        get
        {
            lock (_gate)
            {
                return [.. _toxics];
            }
        }
    }

    internal IReactor Reactor => _reactor;

    /// <summary>Starts a proxy to <paramref name="upstream"/> on <paramref name="reactor"/>; safe from any thread.</summary>
    /// <param name="reactor">The running reactor the proxy lives on.</param>
    /// <param name="upstream">The loopback server to relay to.</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <returns>A task that completes with the listening proxy.</returns>
    /// <exception cref="ArgumentException">The listening host or the upstream host is not a loopback address.</exception>
    public static Task<FaultProxy> StartAsync(SocketReactor reactor, TcpAddress upstream, FaultProxyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reactor);
        ArgumentNullException.ThrowIfNull(upstream);
        options ??= new FaultProxyOptions();
        RequireLoopback(options.ListenHost, nameof(options));
        RequireLoopback(upstream.Host, nameof(upstream));
        return reactor.InvokeAsync(() =>
        {
            var proxy = new FaultProxy(reactor, upstream, options);
            proxy._port = reactor.ListenTcp(options.ListenPort, new Trial.Protocols.Factory(_ => proxy.Accept()), host: options.ListenHost);
            var bound = (TcpAddress)proxy._port.LocalAddress;
            proxy.Address = new TcpAddress(bound.Host, bound.Port);
            return proxy;
        });
    }

    /// <summary>Adds a toxic: open connections draw for it now, new ones when they arrive. Run on the reactor's thread.</summary>
    /// <param name="toxic">The toxic; its effective name must be new to this proxy.</param>
    /// <exception cref="ArgumentException">A toxic with the same name is already in force.</exception>
    public void AddToxic(ToxicOptions toxic)
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

        foreach (var connection in _connections)
        {
            Attach(connection, toxic);
        }
    }

    /// <summary>Removes the toxic named <paramref name="name"/>; what it held is passed on at once. Run on the reactor's thread.</summary>
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

        foreach (var connection in _connections)
        {
            connection.Upstream?.RemoveToxic(name);
            connection.Downstream?.RemoveToxic(name);
        }
    }

    /// <summary>Adds a toxic from any thread; see <see cref="AddToxic"/>.</summary>
    /// <param name="toxic">The toxic.</param>
    /// <returns>A task that completes when the toxic is in force.</returns>
    public Task AddToxicAsync(ToxicOptions toxic) => _reactor.InvokeAsync(() => AddToxic(toxic));

    /// <summary>Removes a toxic from any thread; see <see cref="RemoveToxic"/>.</summary>
    /// <param name="name">The toxic's effective name.</param>
    /// <returns>A task that completes when the toxic is gone.</returns>
    public Task RemoveToxicAsync(string name) => _reactor.InvokeAsync(() => RemoveToxic(name));

    /// <summary>Stops listening and resets every open proxied connection; safe from any thread.</summary>
    /// <returns>A task that completes when the proxy is closed (at once if the reactor is not running).</returns>
    public Task StopAsync() => _reactor.Running ? _reactor.InvokeAsync(Stop) : Task.CompletedTask;

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

    private static void RequireLoopback(string host, string name)
    {
        bool loopback = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
        if (!loopback)
        {
            throw new ArgumentException($"The fault proxy works on loopback only (127.0.0.0/8, ::1, localhost), but was given '{host}'.", name);
        }
    }

    private Trial.Protocols.IProtocol Accept() => new ProxyConnection(this).ClientSide();

    private void Attach(ProxyConnection connection, ToxicOptions toxic)
    {
        var link = toxic.Direction == ToxicDirection.Upstream ? connection.Upstream : connection.Downstream;
        if (link is not null && _random.NextDouble() < toxic.Toxicity)
        {
            link.AddToxic(toxic, toxic.CreateStage(link, _random));
        }
    }

    private void Stop()
    {
        _port?.StopListening();
        foreach (var connection in _connections.ToArray())
        {
            connection.ResetBoth();
        }
    }
}
