using System.Net.Security;
using Trial.Addresses;
using Trial.Errors;
using Trial.Protocols;
using Trial.Reactors;

namespace Trial.Streams;

/// <summary>
/// The async face of every reactor that carries bytes (the simulated hosts, the socket reactor, a memory reactor
/// whose attempts a <c>ConnectionCompleter</c> completes): connect and accept connections as
/// <see cref="StreamProtocol"/>s, read and written through a <see cref="Stream"/> or an
/// <see cref="System.IO.Pipelines.IDuplexPipe"/>. Written once over <see cref="IReactor.ConnectTcp"/> and
/// <see cref="IReactor.ListenTcp"/> (and their TLS forms), so the same async code runs on each.
/// </summary>
/// <remarks>
/// On a virtual-time reactor the tasks complete on the loop and continuations without a synchronization context
/// run there inline, at the virtual time of the event; on the socket reactor they run off the loop's thread. A
/// connection's calls from other threads reach the loop through the reactor's synchronization context.
/// </remarks>
public static class ReactorStreamExtensions
{
    /// <summary>
    /// Connects (over TLS when <paramref name="tls"/> is given) and completes with the connection as a
    /// <see cref="StreamProtocol"/>; safe from any thread.
    /// </summary>
    /// <param name="reactor">The reactor to connect from.</param>
    /// <param name="host">The server's host name or address.</param>
    /// <param name="port">The server's port.</param>
    /// <param name="tls">The TLS client options, or <see langword="null"/> for plain TCP.</param>
    /// <param name="timeout">How long the attempt (with the TLS handshake) may take, on the reactor's time; 30 seconds when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the attempt; a connection made before the cancellation reached the loop is closed.</param>
    /// <returns>
    /// A task that completes once connected (after the handshake, with TLS), or fails with the
    /// <see cref="ConnectException"/> (or <see cref="TlsHandshakeException"/>) that ended the attempt, or is cancelled.
    /// </returns>
    public static Task<StreamProtocol> ConnectAsync(this IReactor reactor, string host, int port, SslClientAuthenticationOptions? tls = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reactor);
        ArgumentNullException.ThrowIfNull(host);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<StreamProtocol>(cancellationToken);
        }

        var attempt = new ConnectAttempt(reactor, cancellationToken);
        Start(reactor, () =>
        {
            try
            {
                attempt.Connector = tls is null
                    ? reactor.ConnectTcp(host, port, attempt, timeout)
                    : reactor.ConnectTls(host, port, attempt, tls, timeout);
            }
            catch (Exception e)
            {
                attempt.Completion.TrySetException(e);
            }
        });
        return attempt.Completion.Task;
    }

    /// <summary>
    /// Listens (over TLS when <paramref name="tls"/> is given) for connections that async code takes with
    /// <see cref="StreamListener.AcceptAsync"/>; safe from any thread.
    /// </summary>
    /// <param name="reactor">The reactor to listen on.</param>
    /// <param name="port">The port; 0 for any free port (read it from <see cref="StreamListener.LocalAddress"/>).</param>
    /// <param name="host">The interface to bind, or empty for all of the host's (all IPv4 interfaces, on real sockets).</param>
    /// <param name="backlog">The size of the queue of connections the reactor has not yet accepted.</param>
    /// <param name="tls">The TLS server options, or <see langword="null"/> for plain TCP.</param>
    /// <returns>A task that completes with the listening <see cref="StreamListener"/> (at once when called on the reactor's loop).</returns>
    public static Task<StreamListener> ListenStreamsAsync(this IReactor reactor, int port, string host = "", int backlog = 50, SslServerAuthenticationOptions? tls = null)
    {
        ArgumentNullException.ThrowIfNull(reactor);
        ArgumentNullException.ThrowIfNull(host);
        return ReactorInvocation.InvokeAsync(reactor, () =>
        {
            var listener = new StreamListener(reactor);
            listener.ListeningPort = tls is null
                ? reactor.ListenTcp(port, listener.Factory, backlog, host)
                : reactor.ListenTls(port, listener.Factory, tls, backlog, host);
            return listener;
        });
    }

    private static void Start(IReactor reactor, Action action)
    {
        if (ReactorInvocation.OnLoop(reactor))
        {
            action();
        }
        else
        {
            reactor.CallFromThread(action);
        }
    }

    /// <summary>One attempt of <see cref="ConnectAsync"/>: its factory, its outcome and its cancellation.</summary>
    private sealed class ConnectAttempt : ClientFactory
    {
        private readonly IReactor _reactor;
        private readonly CancellationToken _cancellationToken;
        private readonly CancellationTokenRegistration _registration;

        public ConnectAttempt(IReactor reactor, CancellationToken cancellationToken)
            : base(static _ => null)
        {
            _reactor = reactor;
            _cancellationToken = cancellationToken;
            Completion = ReactorInvocation.NewCompletion<StreamProtocol>(reactor);
            if (cancellationToken.CanBeCanceled)
            {
                _registration = cancellationToken.UnsafeRegister(static state => ((ConnectAttempt)state!).Cancel(), this);
            }
        }

        public TaskCompletionSource<StreamProtocol> Completion { get; }

        public IConnector? Connector { get; set; }

        public override IProtocol? BuildProtocol(IAddress address) =>
            new StreamProtocol(_reactor.SynchronizationContext) { OnConnected = Connected };

        public override void ClientConnectionFailed(IConnector connector, Exception reason)
        {
            _registration.Dispose();
            Completion.TrySetException(reason);
        }

        private void Connected(StreamProtocol protocol) =>

            // Completed in a step of its own, so the awaiting code never runs inside a protocol callback.
            _reactor.CallSoon(() =>
            {
                _registration.Dispose();
                if (!Completion.TrySetResult(protocol))
                {
                    protocol.Stream.Dispose();
                }
            });

        private void Cancel() => _reactor.CallFromThread(() =>
        {
            if (Completion.TrySetCanceled(_cancellationToken) && Connector is { State: ConnectorState.Connecting } connector)
            {
                connector.StopConnecting();
            }
        });
    }
}
