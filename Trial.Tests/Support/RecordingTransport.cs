using Trial.Addresses;
using Trial.Transports;

namespace Trial.Tests.Support;

/// <summary>
/// A transport for protocol tests: records what the protocol writes and how it closes, pauses or registers
/// producers, and delivers nothing on its own. (The full fakes live in Trial.Fakes.)
/// </summary>
internal sealed class RecordingTransport : ITransport
{
    private readonly MemoryStream _written = new();

    public IAddress LocalAddress { get; init; } = new TcpAddress("127.0.0.1", 5000);

    public IAddress RemoteAddress { get; init; } = new TcpAddress("127.0.0.1", 6000);

    /// <summary>Gets each buffer passed to <see cref="Write"/> or <see cref="WriteSequence"/>, in order.</summary>
    public List<byte[]> Writes { get; } = [];

    public bool Disconnecting { get; private set; }

    public int LoseConnectionCalls { get; private set; }

    public bool Aborted { get; private set; }

    public bool WriteSideClosed { get; private set; }

    public bool Paused { get; private set; }

    public bool ProducerStopped { get; private set; }

    public IProducer? Producer { get; private set; }

    public bool? Streaming { get; private set; }

    /// <summary>Gets or sets an action run on every <see cref="LoseConnection"/>, to log it among other events.</summary>
    public Action? OnLoseConnection { get; set; }

    /// <summary>Returns every byte written so far.</summary>
    public byte[] Value() => _written.ToArray();

    public void Clear()
    {
        _written.SetLength(0);
        Writes.Clear();
    }

    public void Write(ReadOnlySpan<byte> data)
    {
        Writes.Add(data.ToArray());
        _written.Write(data);
    }

    public void WriteSequence(IEnumerable<ReadOnlyMemory<byte>> data)
    {
        foreach (var buffer in data)
        {
            Write(buffer.Span);
        }
    }

    public void LoseConnection()
    {
        LoseConnectionCalls++;
        Disconnecting = true;
        OnLoseConnection?.Invoke();
    }

    public void LoseWriteConnection() => WriteSideClosed = true;

    public void AbortConnection()
    {
        Aborted = true;
        Disconnecting = true;
    }

    public void RegisterProducer(IProducer producer, bool streaming)
    {
        ArgumentNullException.ThrowIfNull(producer);
        if (Producer is not null)
        {
            throw new InvalidOperationException($"A producer is already registered: {Producer}.");
        }

        if (streaming ? producer is not IPushProducer : producer is not IPullProducer)
        {
            throw new ArgumentException($"{producer.GetType().Name} is not a {(streaming ? "push" : "pull")} producer.", nameof(producer));
        }

        Producer = producer;
        Streaming = streaming;
    }

    public void UnregisterProducer()
    {
        Producer = null;
        Streaming = null;
    }

    public void PauseProducing() => Paused = true;

    public void ResumeProducing() => Paused = false;

    public void StopProducing()
    {
        ProducerStopped = true;
        Paused = true;
    }
}
