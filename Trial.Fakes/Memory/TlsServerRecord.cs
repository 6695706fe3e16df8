using System.Net.Security;
using Trial.Protocols;
using Trial.Reactors;

namespace Trial.Fakes.Memory;

/// <summary>A call to <see cref="MemoryReactor.ListenTls"/>, with its arguments and the port it returned.</summary>
/// <param name="Port">The port asked for.</param>
/// <param name="Factory">The protocol factory.</param>
/// <param name="Options">The server authentication options.</param>
/// <param name="Backlog">The backlog asked for.</param>
/// <param name="Host">The interface asked for; empty for all.</param>
/// <param name="ListeningPort">The port returned; stopping it removes this record from <see cref="MemoryReactor.TlsServers"/>.</param>
public sealed record TlsServerRecord(int Port, IProtocolFactory Factory, SslServerAuthenticationOptions Options, int Backlog, string Host, IListeningPort ListeningPort);
