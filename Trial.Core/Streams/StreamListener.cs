using System.Threading.Channels;
using Trial.Addresses;
using Trial.Protocols;
using Trial.Reactors;

namespace Trial.Streams;

/// <summary>
/// A listening port whose connections async code accepts one at a time, each as a <see cref="StreamProtocol"/> (a
/// <see cref="Stream"/> and an <see cref="System.IO.Pipelines.IDuplexPipe"/>), on any reactor; made by
/// <see cref="ReactorStreamExtensions.ListenStreamsAsync"/>.
/// </summary>
/// <remarks>
/// Connections wait, unbounded, until accepted; disposing the listener stops it and closes those never accepted.
/// On a virtual-time reactor an accept completes on the loop and its continuation runs there, at the virtual time
/// the connection was made; on the socket reactor continuations run off the loop's thread.
/// </remarks>
public sealed class StreamListener : IAsyncDisposable
{
    private readonly IReactor _reactor;
    private readonly Channel<StreamProtocol> _accepted;
    private IListeningPort? _port;

    internal StreamListener(IReactor reactor)
    {
        _reactor = reactor;
        _accepted = Channel.CreateUnbounded<StreamProtocol>(new UnboundedChannelOptions
        {
            SingleWriter = true,
            AllowSynchronousContinuations = ReactorInvocation.InlinesContinuations(reactor),
        });
        Factory = new Factory(_ => new StreamProtocol(reactor.SynchronizationContext) { OnConnected = Arrived });
    }

    /// <summary>Gets the address the listener is bound to.</summary>
    public IAddress LocalAddress => ListeningPort.LocalAddress;

    /// <summary>Gets the port number the listener is bound to; with port 0, the one the system chose.</summary>
    public int Port => ListeningPort.Port;

    internal IListeningPort ListeningPort
    {
        get => _port ?? throw new InvalidOperationException("The listener is not listening yet.");
        set => _port = value;
    }

    internal IProtocolFactory Factory { get; }

    /// <summary>Waits for the next connection; safe from any thread.</summary>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The connection, already connected (after its TLS handshake, on a TLS listener).</returns>
    /// <exception cref="ChannelClosedException">The listener was disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task<StreamProtocol> AcceptAsync(CancellationToken cancellationToken = default) =>
        _accepted.Reader.ReadAsync(cancellationToken).AsTask();

    /// <summary>Stops listening and closes the connections nobody accepted; safe from any thread.</summary>
    /// <returns>A task that completes when the port is closed (at once on the reactor's loop, or when the reactor is not running).</returns>
    public ValueTask DisposeAsync()
    {
        if (_reactor.Running && !ReactorInvocation.OnLoop(_reactor))
        {
            return new ValueTask(ReactorInvocation.InvokeAsync(_reactor, Close));
        }

        Close();
        return ValueTask.CompletedTask;
    }

    private void Arrived(StreamProtocol protocol) =>

        // Handed over in a step of its own, so an accepting continuation never runs inside a protocol callback.
        _reactor.CallSoon(() =>
        {
            if (!_accepted.Writer.TryWrite(protocol))
            {
                protocol.Stream.Dispose();
            }
        });

    private void Close()
    {
        _port?.StopListening();
        _accepted.Writer.TryComplete();
        while (_accepted.Reader.TryRead(out var waiting))
        {
            waiting.Stream.Dispose();
        }
    }
}
