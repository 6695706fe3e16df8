using Trial.Protocols;

namespace Trial.Tests.Support;

/// <summary>Writes back what it reads, pausing its reading while its own write buffer is full.</summary>
internal sealed class EchoProtocol : Protocol
{
    public override void ConnectionMade() => Transport!.RegisterProducer(Transport, streaming: true);

    public override void DataReceived(ReadOnlySpan<byte> data) => Transport!.Write(data);
}
