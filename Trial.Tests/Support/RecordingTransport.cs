using Trial.Fakes.Memory;
using Trial.Transports;

namespace Trial.Tests.Support;

/// <summary>
/// A <see cref="StringTransport"/> that also records what framing tests assert on and it does not keep: where
/// each write began and ended, and how often the protocol asked to close.
/// </summary>
/// <param name="lenient">As on <see cref="StringTransport"/>: allow pausing and resuming after a close.</param>
internal sealed class RecordingTransport(bool lenient = false) : StringTransport(lenient: lenient), ITransport
{
    /// <summary>Gets each buffer passed to <see cref="Write"/> or <see cref="WriteSequence"/>, in order.</summary>
    public List<byte[]> Writes { get; } = [];

    public int LoseConnectionCalls { get; private set; }

    /// <summary>Gets or sets an action run on every <see cref="LoseConnection"/>, to log it among other events.</summary>
    public Action? OnLoseConnection { get; set; }

    /// <summary>Gets a value indicating whether reading is paused or stopped.</summary>
    public bool Paused => ProducerState != ProducerState.Producing;

    public bool ProducerStopped => ProducerState == ProducerState.Stopped;

    // ITransport is implemented again so that protocols writing through it reach these two, not the base's.
    public new void Write(ReadOnlySpan<byte> data)
    {
        Writes.Add(data.ToArray());
        base.Write(data);
    }

    public new void WriteSequence(IEnumerable<ReadOnlyMemory<byte>> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var buffer in data)
        {
            Write(buffer.Span);
        }
    }

    public new void Clear()
    {
        base.Clear();
        Writes.Clear();
    }

    public override void LoseConnection()
    {
        LoseConnectionCalls++;
        base.LoseConnection();
        OnLoseConnection?.Invoke();
    }
}
