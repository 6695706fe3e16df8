using System.Threading.Channels;
using Trial.Addresses;
using Trial.Protocols;
using Trial.Reactors;
using Trial.Streams;

namespace Trial.Sockets;

/// <summary>
/// A listening port of a <see cref="SocketReactor"/> whose connections async code accepts one at a time, each as a
/// <see cref="StreamProtocol"/> (a <see cref="Stream"/> and an <see cref="System.IO.Pipelines.IDuplexPipe"/>).
/// </summary>
/// <remarks>Connections wait, unbounded, until accepted; disposing the listener stops it and closes those never accepted.</remarks>
public sealed class StreamListener : IAsyncDisposable
{
    private readonly SocketReactor _reactor;
    private readonly Channel<StreamProtocol> _accepted = Channel.CreateUnbounded<StreamProtocol>(new UnboundedChannelOptions { SingleWriter = true });

    internal StreamListener(SocketReactor reactor)
    {
        _reactor = reactor;
        Factory = new Factory(_ =>
        {
            var protocol = new StreamProtocol(reactor.SynchronizationContext);
            reactor.CallSoon(() =>
            {
                if (!_accepted.Writer.TryWrite(protocol))
                {
                    protocol.Stream.Dispose();
                }
            });
            return protocol;
        });
    }

    /// <summary>Gets the address the listener is bound to.</summary>
    public IAddress LocalAddress => ListeningPort.LocalAddress;

    /// <summary>Gets the port number the listener is bound to; with port 0, the one the system chose.</summary>
    public int Port => ListeningPort.Port;

    internal IListeningPort ListeningPort { get; set; } = null!;

    internal IProtocolFactory Factory { get; }

    /// <summary>Waits for the next connection; safe from any thread.</summary>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The connection, already connected.</returns>
    /// <exception cref="ChannelClosedException">The listener was disposed.</exception>
    public async Task<StreamProtocol> AcceptAsync(CancellationToken cancellationToken = default) =>
        await _accepted.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Stops listening and closes the connections nobody accepted; safe from any thread.</summary>
    /// <returns>A task that completes when the port is closed.</returns>
    public ValueTask DisposeAsync()
    {
        if (!_reactor.Running)
        {
            _accepted.Writer.TryComplete();
            return ValueTask.CompletedTask;
        }

        return new ValueTask(_reactor.InvokeAsync(() =>
        {
            ListeningPort.StopListening();
            _accepted.Writer.TryComplete();
            while (_accepted.Reader.TryRead(out var waiting))
            {
                waiting.Stream.Dispose();
            }
        }));
    }
}
