using System.Net;

namespace Trial.Fakes.Simulation;

/// <summary>A direction of traffic that trace events refer to by number: a connection's direction, or a datagram flow.</summary>
/// <param name="ConnectionId">The connection, or 0 for datagrams.</param>
/// <param name="SourceHost">The sending host's number.</param>
/// <param name="DestinationHost">The receiving host's number.</param>
/// <param name="Source">The sending endpoint.</param>
/// <param name="Destination">The receiving endpoint.</param>
internal readonly record struct TraceChannel(long ConnectionId, int SourceHost, int DestinationHost, IPEndPoint Source, IPEndPoint Destination);
