using Trial.Protocols;

namespace Examples.Echo;

/// <summary>The echo service (RFC 862): every byte received is written back, as it arrives.</summary>
public sealed class EchoServer : Protocol
{
    /// <inheritdoc/>
    public override void DataReceived(ReadOnlySpan<byte> data) => Transport!.Write(data);
}
