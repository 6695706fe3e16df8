using System.Net.Security;
using Trial.Addresses;
using Trial.Protocols;
using Trial.Reactors;
using Trial.Streams;

namespace Trial.Sockets;

/// <content>The async face: connections as a <see cref="Stream"/> and an <see cref="System.IO.Pipelines.IDuplexPipe"/>.</content>
public sealed partial class SocketReactor
{
    /// <summary>
    /// Connects (over TLS when <paramref name="tls"/> is given) and completes with the connection as a
    /// <see cref="StreamProtocol"/>, whose <see cref="StreamProtocol.Stream"/> and <see cref="StreamProtocol.Pipe"/>
    /// async code reads and writes; safe from any thread.
    /// </summary>
    /// <param name="host">The server's host name or address.</param>
    /// <param name="port">The server's port.</param>
    /// <param name="tls">The TLS client options, or <see langword="null"/> for plain TCP.</param>
    /// <param name="timeout">How long the attempt may take; 30 seconds when <see langword="null"/>.</param>
    /// <returns>A task that completes once connected, or fails with the <see cref="Trial.Errors.ConnectException"/> (or <see cref="Trial.Errors.TlsHandshakeException"/>) that ended the attempt.</returns>
    /// <remarks>The connection's calls from other threads reach the loop through this reactor's <see cref="SynchronizationContext"/>.</remarks>
    public Task<StreamProtocol> ConnectAsync(string host, int port, SslClientAuthenticationOptions? tls = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var completion = new TaskCompletionSource<StreamProtocol>(TaskCreationOptions.RunContinuationsAsynchronously);
        CallFromThread(() =>
        {
            try
            {
                var factory = new StreamClientFactory(this, completion);
                if (tls is null)
                {
                    ConnectTcp(host, port, factory, timeout);
                }
                else
                {
                    ConnectTls(host, port, factory, tls, timeout);
                }
            }
            catch (Exception e)
            {
                completion.TrySetException(e);
            }
        });
        return completion.Task;
    }

    /// <summary>
    /// Listens (over TLS when <paramref name="tls"/> is given) for connections that async code takes with
    /// <see cref="StreamListener.AcceptAsync"/>; safe from any thread.
    /// </summary>
    /// <param name="port">The port; 0 for any free port (read it from <see cref="StreamListener.LocalAddress"/>).</param>
    /// <param name="host">The interface to bind, or empty for all IPv4 interfaces.</param>
    /// <param name="backlog">The size of the queue of connections not yet accepted by the kernel.</param>
    /// <param name="tls">The TLS server options, or <see langword="null"/> for plain TCP.</param>
    /// <returns>A task that completes with the listening <see cref="StreamListener"/>.</returns>
    public Task<StreamListener> ListenStreamsAsync(int port, string host = "", int backlog = 50, SslServerAuthenticationOptions? tls = null) => InvokeAsync(() =>
    {
        var listener = new StreamListener(this);
        listener.ListeningPort = tls is null
            ? ListenTcp(port, listener.Factory, backlog, host)
            : ListenTls(port, listener.Factory, tls, backlog, host);
        return listener;
    });

    private sealed class StreamClientFactory(SocketReactor reactor, TaskCompletionSource<StreamProtocol> completion) : ClientFactory
    {
        public override IProtocol? BuildProtocol(IAddress address)
        {
            var protocol = new StreamProtocol(reactor.SynchronizationContext);

            // Completed on the next loop step, after the reactor has connected the protocol to its transport.
            reactor.CallSoon(() => completion.TrySetResult(protocol));
            return protocol;
        }

        public override void ClientConnectionFailed(IConnector connector, Exception reason) => completion.TrySetException(reason);
    }
}
