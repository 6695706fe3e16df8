using System.Net.Security;

namespace Trial.Transports;

/// <summary>A transport that can switch an open connection to TLS (STARTTLS).</summary>
public interface ITlsTransport : ITransport
{
    /// <summary>Starts TLS as the client side; bytes written afterwards are encrypted.</summary>
    /// <param name="options">The client authentication options; certificate validation is on unless the options override it.</param>
    void StartTls(SslClientAuthenticationOptions options);

    /// <summary>Starts TLS as the server side; bytes written afterwards are encrypted.</summary>
    /// <param name="options">The server authentication options, with the server certificate.</param>
    void StartTls(SslServerAuthenticationOptions options);
}
