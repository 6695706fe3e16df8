using Trial.Protocols;

namespace Trial.Tests.Fakes.Proxy;

/// <summary>Sends a fixed payload when it first hears anything, and closes after it if asked (with a delay, on the reactor's time).</summary>
internal sealed class Sender(int size, TimeSpan? closeAfter = null) : Protocol
{
    private bool _sent;

    public static byte[] Payload(int size) => Enumerable.Range(0, size).Select(i => (byte)(i % 251)).ToArray();

    public Trial.Reactors.IReactor? Reactor { get; init; }

    public override void DataReceived(ReadOnlySpan<byte> data)
    {
        if (_sent)
        {
            return;
        }

        _sent = true;
        if (size > 0)
        {
            Transport!.Write(Payload(size));
        }

        if (closeAfter is not { } delay)
        {
            return;
        }

        if (delay == TimeSpan.Zero)
        {
            Transport!.LoseConnection();
        }
        else
        {
            (Reactor ?? throw new InvalidOperationException("A delayed close needs the reactor.")).CallLater(delay, () => Transport!.LoseConnection());
        }
    }
}
