using Trial.Addresses;
using Trial.Protocols;
using Trial.Reactors;

namespace Examples.Echo;

/// <summary>
/// An echo client: <see cref="EchoAsync"/> sends a message and completes when the server has sent all of it
/// back. If the connection ends first, every pending echo fails with the reason, so a connection dropped
/// mid-stream is seen by the caller.
/// </summary>
/// <remarks>
/// Call it on the reactor's thread (or from async code running on the reactor's synchronization context).
/// Echoes may be pipelined: each completes in the order it was sent.
/// </remarks>
public sealed class EchoClient : Protocol
{
    private readonly Queue<PendingEcho> _pending = new();
    private readonly TaskCompletionSource<Exception> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<EchoClient>? _connected;

    /// <summary>Initializes a client for a reactor (or a test) to connect.</summary>
    public EchoClient()
    {
    }

    private EchoClient(TaskCompletionSource<EchoClient> connected) => _connected = connected;

    /// <summary>Gets how many bytes the server has sent back so far.</summary>
    public long BytesReceived { get; private set; }

    /// <summary>Gets how many bytes have been sent so far.</summary>
    public long BytesSent { get; private set; }

    /// <summary>Gets a task that completes, with the reason, when the connection has ended.</summary>
    public Task<Exception> Closed => _closed.Task;

    /// <summary>Connects to an echo server on <paramref name="reactor"/>.</summary>
    /// <param name="reactor">The reactor to connect on: simulated or real.</param>
    /// <param name="host">The server's host name or address.</param>
    /// <param name="port">The server's port.</param>
    /// <returns>The connected client; the task fails with the reactor's <c>ConnectException</c> if the attempt fails.</returns>
    public static Task<EchoClient> ConnectAsync(IReactor reactor, string host, int port)
    {
        ArgumentNullException.ThrowIfNull(reactor);
        var connected = new TaskCompletionSource<EchoClient>(TaskCreationOptions.RunContinuationsAsynchronously);
        reactor.ConnectTcp(host, port, new ConnectingFactory(connected));
        return connected.Task;
    }

    /// <summary>Sends <paramref name="message"/> and waits for the server to send it back.</summary>
    /// <param name="message">The bytes to send; a copy is not kept.</param>
    /// <returns>The bytes the server sent back.</returns>
    /// <exception cref="InvalidOperationException">The client is not connected.</exception>
    /// <exception cref="Trial.Errors.ConnectionClosedException">The task fails with it when the connection ends before the echo is complete.</exception>
    public Task<byte[]> EchoAsync(ReadOnlyMemory<byte> message)
    {
        if (!Connected)
        {
            throw new InvalidOperationException($"The echo client is not connected ({(Closed.IsCompleted ? Closed.Result.Message : "not yet connected")}).");
        }

        var echo = new PendingEcho(message.Length);
        _pending.Enqueue(echo);
        Transport!.Write(message.Span);
        BytesSent += message.Length;
        if (message.IsEmpty)
        {
            Complete();
        }

        return echo.Task;
    }

    /// <inheritdoc/>
    public override void ConnectionMade() => _connected?.TrySetResult(this);

    /// <inheritdoc/>
    public override void DataReceived(ReadOnlySpan<byte> data)
    {
        BytesReceived += data.Length;
        while (!data.IsEmpty && _pending.TryPeek(out var echo))
        {
            data = data[echo.Fill(data)..];
            Complete();
        }
    }

    /// <inheritdoc/>
    public override void ConnectionLost(Exception reason)
    {
        base.ConnectionLost(reason);
        while (_pending.TryDequeue(out var echo))
        {
            echo.Fail(reason);
        }

        _closed.TrySetResult(reason);
    }

    private void Complete()
    {
        while (_pending.TryPeek(out var echo) && echo.TryComplete())
        {
            _pending.Dequeue();
        }
    }

    private sealed class ConnectingFactory(TaskCompletionSource<EchoClient> connected) : ClientFactory
    {
        public override IProtocol? BuildProtocol(IAddress address) => new EchoClient(connected);

        public override void ClientConnectionFailed(IConnector connector, Exception reason) => connected.TrySetException(reason);
    }
}
