using Trial.Protocols;
using Trial.Time;

namespace Trial.Tests.Fakes.Proxy;

/// <summary>A client protocol that notes the virtual time of each read and of the loss.</summary>
internal sealed class TimedRecorder(IReactorTime time) : Protocol
{
    public List<(TimeSpan At, byte[] Data)> Reads { get; } = [];

    public bool Made { get; private set; }

    public (TimeSpan At, Exception Reason)? Lost { get; private set; }

    public byte[] Received => Reads.SelectMany(r => r.Data).ToArray();

    public int Count => Reads.Sum(r => r.Data.Length);

    /// <summary>Gets the time the <paramref name="count"/>th byte arrived.</summary>
    public TimeSpan TimeOfByte(int count)
    {
        int seen = 0;
        foreach (var (at, data) in Reads)
        {
            seen += data.Length;
            if (seen >= count)
            {
                return at;
            }
        }

        throw new InvalidOperationException($"Only {seen} bytes arrived, not {count}.");
    }

    public override void ConnectionMade() => Made = true;

    public override void DataReceived(ReadOnlySpan<byte> data) => Reads.Add((time.Now, data.ToArray()));

    public override void ConnectionLost(Exception reason)
    {
        base.ConnectionLost(reason);
        Lost = (time.Now, reason);
    }
}
