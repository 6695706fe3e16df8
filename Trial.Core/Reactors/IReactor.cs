using System.Net.Security;
using Trial.Addresses;
using Trial.Deferreds;
using Trial.Protocols;
using Trial.Time;
using Trial.Transports;

namespace Trial.Reactors;

/// <summary>
/// An event loop: time and delayed calls, ready work, TCP, TLS and UDP, start and stop. The memory reactors,
/// the simulated network's hosts and the real socket reactor all implement it, so protocol code runs
/// unchanged on each.
/// </summary>
/// <remarks>
/// Everything but <see cref="CallFromThread"/> must be called from the reactor's own thread (or, for a
/// reactor that is not running, from the thread that owns it).
/// </remarks>
public interface IReactor : IReactorTime
{
    /// <summary>Gets a value indicating whether <see cref="Run"/> is running the loop.</summary>
    bool Running { get; }

    /// <summary>Gets the synchronization context whose posts run on the loop, in FIFO order.</summary>
    SynchronizationContext SynchronizationContext { get; }

    /// <summary>Runs <paramref name="action"/> on the loop soon, after the work already ready, before time moves.</summary>
    /// <param name="action">The work.</param>
    void CallSoon(Action action);

    /// <summary>Runs <paramref name="action"/> on the loop soon; the one entry point safe to call from any thread.</summary>
    /// <param name="action">The work.</param>
    void CallFromThread(Action action);

    /// <summary>Runs <paramref name="action"/> when the reactor starts running, or soon if it already is.</summary>
    /// <param name="action">The work.</param>
    void CallWhenRunning(Action action);

    /// <summary>Listens for TCP connections.</summary>
    /// <param name="port">The port; 0 for any free port (read it from <see cref="IListeningPort.LocalAddress"/>).</param>
    /// <param name="factory">Builds a protocol for each accepted connection.</param>
    /// <param name="backlog">The size of the queue of connections not yet accepted.</param>
    /// <param name="host">The interface to bind: an address, or empty for all IPv4 interfaces.</param>
    /// <returns>The listening port.</returns>
    IListeningPort ListenTcp(int port, IProtocolFactory factory, int backlog = 50, string host = "");

    /// <summary>Connects to a TCP server.</summary>
    /// <param name="host">The server's host name or address.</param>
    /// <param name="port">The server's port.</param>
    /// <param name="factory">Builds the protocol and hears how the attempt and the connection end.</param>
    /// <param name="timeout">How long the attempt may take; 30 seconds when <see langword="null"/>.</param>
    /// <param name="bindAddress">The local address to bind, or <see langword="null"/> for any.</param>
    /// <returns>The connector.</returns>
    IConnector ConnectTcp(string host, int port, ClientFactory factory, TimeSpan? timeout = null, IAddress? bindAddress = null);

    /// <summary>Listens for TLS connections.</summary>
    /// <param name="port">The port; 0 for any free port.</param>
    /// <param name="factory">Builds a protocol for each accepted connection; it sees plain bytes.</param>
    /// <param name="options">The server authentication options, with the server certificate.</param>
    /// <param name="backlog">The size of the queue of connections not yet accepted.</param>
    /// <param name="host">The interface to bind, or empty for all IPv4 interfaces.</param>
    /// <returns>The listening port.</returns>
    IListeningPort ListenTls(int port, IProtocolFactory factory, SslServerAuthenticationOptions options, int backlog = 50, string host = "");

    /// <summary>Connects to a TLS server; the protocol's <c>ConnectionMade</c> runs after the handshake.</summary>
    /// <param name="host">The server's host name or address.</param>
    /// <param name="port">The server's port.</param>
    /// <param name="factory">Builds the protocol and hears how the attempt and the connection end.</param>
    /// <param name="options">The client options; the server certificate is validated unless they override it.</param>
    /// <param name="timeout">How long the attempt (with the handshake) may take; 30 seconds when <see langword="null"/>.</param>
    /// <param name="bindAddress">The local address to bind, or <see langword="null"/> for any.</param>
    /// <returns>The connector.</returns>
    IConnector ConnectTls(string host, int port, ClientFactory factory, SslClientAuthenticationOptions options, TimeSpan? timeout = null, IAddress? bindAddress = null);

    /// <summary>Opens a UDP port.</summary>
    /// <param name="port">The port; 0 for any free port.</param>
    /// <param name="protocol">The protocol that receives the datagrams.</param>
    /// <param name="host">The interface to bind, or empty for all IPv4 interfaces.</param>
    /// <param name="maxPacketSize">The largest datagram received whole.</param>
    /// <returns>The port, which is also the protocol's transport.</returns>
    IDatagramTransport ListenUdp(int port, IDatagramProtocol protocol, string host = "", int maxPacketSize = 8192);

    /// <summary>Runs <paramref name="work"/> off the reactor's thread and fires the result on the reactor.</summary>
    /// <typeparam name="T">The type of the result.</typeparam>
    /// <param name="work">The blocking work; an exception it throws fails the deferred.</param>
    /// <returns>A deferred that fires on the reactor's thread with the result or the failure.</returns>
    Deferred<T> DeferToThread<T>(Func<T> work);

    /// <summary>Registers a trigger that runs when the reactor shuts down.</summary>
    /// <param name="phase">When it runs; <see cref="ShutdownPhase.Before"/> triggers may return a deferred that shutdown waits for.</param>
    /// <param name="trigger">The trigger; it returns a deferred to wait for, or <see langword="null"/>.</param>
    /// <returns>A registration whose disposal removes the trigger.</returns>
    IDisposable AddShutdownTrigger(ShutdownPhase phase, Func<Deferred?> trigger);

    /// <summary>Runs the loop on the calling thread until <see cref="Stop"/>.</summary>
    void Run();

    /// <summary>
    /// Stops the loop: the shutdown triggers run, open connections are closed and their losses delivered, then
    /// <see cref="Run"/> returns.
    /// </summary>
    void Stop();
}
