using Trial.Protocols;

namespace Trial.Tests.Fakes.IOSim;

/// <summary>Writes back every byte it receives.</summary>
internal sealed class EchoProtocol : Protocol
{
    public override void DataReceived(ReadOnlySpan<byte> data) => Transport!.Write(data);
}
