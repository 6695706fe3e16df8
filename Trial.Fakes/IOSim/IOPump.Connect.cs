using Trial.Fakes.Time;
using Trial.Protocols;
using Trial.Streams;

namespace Trial.Fakes.IOSim;

/// <content>Joining two protocols with a pump: Twisted's <c>connect</c> and <c>connectedServerAndClient</c>.</content>
public sealed partial class IOPump
{
    /// <summary>
    /// Joins two transports, connects their protocols (the server's first), and returns the pump that moves bytes
    /// between them; with <see cref="IOPumpOptions.Greet"/>, flushes once so greetings are exchanged.
    /// </summary>
    /// <param name="serverTransport">The accepting end, with the server protocol.</param>
    /// <param name="clientTransport">The connecting end, with the client protocol.</param>
    /// <param name="options">How to set up the pump; the defaults when <see langword="null"/> (its addresses are not used here).</param>
    /// <returns>The pump.</returns>
    /// <exception cref="InvalidOperationException">A transport is already joined to another.</exception>
    public static IOPump Connect(FakeTransport serverTransport, FakeTransport clientTransport, IOPumpOptions? options = null) =>
        Join(serverTransport, clientTransport, options, ownClock: null);

    /// <summary>
    /// Connects two <see cref="StreamProtocol"/>s over a new pair of <see cref="FakeTransport"/>s, for async code
    /// that reads and writes a <see cref="Stream"/> or an <see cref="System.IO.Pipelines.IDuplexPipe"/>: the iosim
    /// pair's <c>ConnectAsync</c> and <c>AcceptAsync</c> in one call.
    /// </summary>
    /// <param name="options">How to set up the pump; the defaults when <see langword="null"/>.</param>
    /// <returns>The client's end, the server's end, and the pump that moves bytes between them.</returns>
    /// <remarks>
    /// Both ends post calls made off the pump's clock to <see cref="Clock"/>'s synchronization context, where the
    /// next round runs them; run the async code with <see cref="Start(Func{Task})"/> and drive it with
    /// <see cref="RunUntil(Task)"/>, so its awaits resume on the clock, in order.
    /// </remarks>
    public static (StreamProtocol Client, StreamProtocol Server, IOPump Pump) ConnectedStreams(IOPumpOptions? options = null)
    {
        options ??= new IOPumpOptions();
        var clock = options.Clock ?? new Clock();
        var client = new StreamProtocol(clock.SynchronizationContext);
        var server = new StreamProtocol(clock.SynchronizationContext);
        var serverTransport = new FakeTransport(server, isServer: true, options.ServerAddress, options.ClientAddress);
        var clientTransport = new FakeTransport(client, isServer: false, options.ClientAddress, options.ServerAddress);
        return (client, server, Join(serverTransport, clientTransport, options, clock));
    }

    private static IOPump Join(FakeTransport serverTransport, FakeTransport clientTransport, IOPumpOptions? options, Clock? ownClock)
    {
        ArgumentNullException.ThrowIfNull(serverTransport);
        ArgumentNullException.ThrowIfNull(clientTransport);
        if (serverTransport == clientTransport)
        {
            throw new ArgumentException($"A transport cannot be connected to itself ({serverTransport}).", nameof(clientTransport));
        }

        // Everything that can fail is checked before either end is paired, so a refused connect leaves both free.
        serverTransport.ThrowIfPaired();
        clientTransport.ThrowIfPaired();
        var settings = options?.Copy() ?? new IOPumpOptions();
        serverTransport.Pair(clientTransport);
        clientTransport.Pair(serverTransport);
        var pump = new IOPump(clientTransport, serverTransport, settings, ownClock);
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            serverTransport.Protocol.MakeConnection(serverTransport);
            clientTransport.Protocol.MakeConnection(clientTransport);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        if (settings.Greet)
        {
            pump.Flush();
        }

        return pump;
    }

    /// <summary>Connects a server protocol and a client protocol over a new pair of <see cref="FakeTransport"/>s.</summary>
    /// <typeparam name="TServer">The server protocol's type.</typeparam>
    /// <typeparam name="TClient">The client protocol's type.</typeparam>
    /// <param name="server">The server protocol, not yet connected.</param>
    /// <param name="client">The client protocol, not yet connected.</param>
    /// <param name="options">How to set up the pump; the defaults when <see langword="null"/>.</param>
    /// <returns>The client, the server, and the pump that moves bytes between them.</returns>
    public static (TClient Client, TServer Server, IOPump Pump) ConnectedServerAndClient<TServer, TClient>(TServer server, TClient client, IOPumpOptions? options = null)
        where TServer : IProtocol
        where TClient : IProtocol
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(client);
        options ??= new IOPumpOptions();
        var serverTransport = new FakeTransport(server, isServer: true, options.ServerAddress, options.ClientAddress);
        var clientTransport = new FakeTransport(client, isServer: false, options.ClientAddress, options.ServerAddress);
        return (client, server, Connect(serverTransport, clientTransport, options));
    }

    /// <summary>Connects a new server protocol and a new client protocol over a new pair of <see cref="FakeTransport"/>s.</summary>
    /// <typeparam name="TServer">The server protocol's type.</typeparam>
    /// <typeparam name="TClient">The client protocol's type.</typeparam>
    /// <param name="createServer">Makes the server protocol.</param>
    /// <param name="createClient">Makes the client protocol.</param>
    /// <param name="options">How to set up the pump; the defaults when <see langword="null"/>.</param>
    /// <returns>The client, the server, and the pump that moves bytes between them.</returns>
    public static (TClient Client, TServer Server, IOPump Pump) ConnectedServerAndClient<TServer, TClient>(Func<TServer> createServer, Func<TClient> createClient, IOPumpOptions? options = null)
        where TServer : IProtocol
        where TClient : IProtocol
    {
        ArgumentNullException.ThrowIfNull(createServer);
        ArgumentNullException.ThrowIfNull(createClient);
        var client = createClient();
        var server = createServer();
        return ConnectedServerAndClient(server, client, options);
    }

    /// <summary>
    /// Connects a protocol built by <paramref name="serverFactory"/> (for the client's address) and one built by
    /// <paramref name="clientFactory"/> (for the server's address) over a new pair of <see cref="FakeTransport"/>s.
    /// </summary>
    /// <param name="serverFactory">Builds the server protocol.</param>
    /// <param name="clientFactory">Builds the client protocol.</param>
    /// <param name="options">How to set up the pump; the defaults when <see langword="null"/>.</param>
    /// <returns>The client, the server, and the pump that moves bytes between them.</returns>
    /// <exception cref="InvalidOperationException">A factory refused to build a protocol.</exception>
    public static (IProtocol Client, IProtocol Server, IOPump Pump) ConnectedServerAndClient(IProtocolFactory serverFactory, IProtocolFactory clientFactory, IOPumpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(serverFactory);
        ArgumentNullException.ThrowIfNull(clientFactory);
        options ??= new IOPumpOptions();
        var client = clientFactory.BuildProtocol(options.ServerAddress)
            ?? throw new InvalidOperationException($"The client factory {clientFactory} built no protocol for {options.ServerAddress}.");
        var server = serverFactory.BuildProtocol(options.ClientAddress)
            ?? throw new InvalidOperationException($"The server factory {serverFactory} built no protocol for {options.ClientAddress}.");
        return ConnectedServerAndClient(server, client, options);
    }
}
