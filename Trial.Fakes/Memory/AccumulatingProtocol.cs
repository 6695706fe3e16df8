using System.Buffers;
using Trial.Protocols;

namespace Trial.Fakes.Memory;

/// <summary>
/// A protocol that records what happens to it: whether it was connected, every byte it received, and why it
/// was disconnected. Tasks complete when it connects and when it disconnects, for tests that wait.
/// </summary>
/// <remarks>The tasks complete synchronously inside the callbacks, as Twisted's deferreds fire.</remarks>
public class AccumulatingProtocol : Protocol
{
    private readonly ArrayBufferWriter<byte> _data = new();
    private readonly TaskCompletionSource _made = new();
    private readonly TaskCompletionSource<Exception> _closed = new();

    /// <summary>Gets a value indicating whether <see cref="ConnectionMade"/> has run.</summary>
    public bool Made { get; private set; }

    /// <summary>Gets a value indicating whether <see cref="ConnectionLost"/> has run.</summary>
    public bool Closed { get; private set; }

    /// <summary>Gets the reason given to <see cref="ConnectionLost"/>, or <see langword="null"/> while connected.</summary>
    public Exception? ClosedReason { get; private set; }

    /// <summary>Gets a copy of every byte received, in order.</summary>
    public byte[] Data => _data.WrittenSpan.ToArray();

    /// <summary>Gets the number of <see cref="DataReceived"/> calls, which shows how the bytes were sliced.</summary>
    public int DataReceivedCalls { get; private set; }

    /// <summary>Gets a task that completes when the connection is made.</summary>
    public Task WhenMade => _made.Task;

    /// <summary>Gets a task that completes with the reason when the connection is lost.</summary>
    public Task<Exception> WhenClosed => _closed.Task;

    /// <inheritdoc/>
    public override void ConnectionMade()
    {
        Made = true;
        _made.TrySetResult();
    }

    /// <inheritdoc/>
    public override void DataReceived(ReadOnlySpan<byte> data)
    {
        DataReceivedCalls++;
        _data.Write(data);
    }

    /// <inheritdoc/>
    public override void ConnectionLost(Exception reason)
    {
        base.ConnectionLost(reason);
        Closed = true;
        ClosedReason = reason;
        _closed.TrySetResult(reason);
    }
}
