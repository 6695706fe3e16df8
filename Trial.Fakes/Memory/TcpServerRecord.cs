using Trial.Protocols;
using Trial.Reactors;

namespace Trial.Fakes.Memory;

/// <summary>A call to <see cref="MemoryReactor.ListenTcp"/>, with its arguments and the port it returned.</summary>
/// <param name="Port">The port asked for.</param>
/// <param name="Factory">The protocol factory.</param>
/// <param name="Backlog">The backlog asked for.</param>
/// <param name="Host">The interface asked for; empty for all.</param>
/// <param name="ListeningPort">The port returned; stopping it removes this record from <see cref="MemoryReactor.TcpServers"/>.</param>
public sealed record TcpServerRecord(int Port, IProtocolFactory Factory, int Backlog, string Host, IListeningPort ListeningPort);
