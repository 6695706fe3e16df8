using System.Net.Security;
using Trial.Addresses;
using Trial.Protocols;
using Trial.Reactors;

namespace Trial.Fakes.Memory;

/// <summary>A call to <see cref="MemoryReactor.ConnectTls"/>, with its arguments and the connector it returned.</summary>
/// <param name="Host">The server's host.</param>
/// <param name="Port">The server's port.</param>
/// <param name="Factory">The client factory.</param>
/// <param name="Options">The client authentication options.</param>
/// <param name="Timeout">The timeout: the one given, or the default of 30 seconds.</param>
/// <param name="BindAddress">The local address to bind, or <see langword="null"/>.</param>
/// <param name="Connector">The connector returned.</param>
public sealed record TlsClientRecord(string Host, int Port, ClientFactory Factory, SslClientAuthenticationOptions Options, TimeSpan Timeout, IAddress? BindAddress, IConnector Connector);
