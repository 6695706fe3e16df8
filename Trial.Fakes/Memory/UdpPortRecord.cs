using Trial.Protocols;

namespace Trial.Fakes.Memory;

/// <summary>A call to <see cref="MemoryReactor.ListenUdp"/>, with its arguments and the port it returned.</summary>
/// <param name="Port">The port asked for.</param>
/// <param name="Protocol">The datagram protocol.</param>
/// <param name="Host">The interface asked for; empty for all.</param>
/// <param name="MaxPacketSize">The largest datagram received whole.</param>
/// <param name="Transport">The port returned, which records what the protocol writes; stopping it removes this record.</param>
public sealed record UdpPortRecord(int Port, IDatagramProtocol Protocol, string Host, int MaxPacketSize, FakeDatagramTransport Transport);
