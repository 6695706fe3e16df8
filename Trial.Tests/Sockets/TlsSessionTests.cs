using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Trial.Errors;
using Trial.Protocols;
using Trial.Tests.Sockets.Support;
using Trial.Tests.Support;

namespace Trial.Tests.Sockets;

/// <summary>
/// TLS over real loopback sockets. The exchanges run as real-mode reactor tests on the test's socket reactor and close
/// both ends; the rejected handshake stays on <see cref="ReactorHarness"/>, because the server's end of a handshake
/// that fails before its protocol exists ends with nothing the test can await, so the runner's check would race it.
/// </summary>
[Collection(SocketCollection.Name)]
public sealed class TlsSessionTests : TestCase, IDisposable
{
    private readonly X509Certificate2 _certificate = MakeCertificate();

    public void Dispose() => _certificate.Dispose();

    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task ConnectTls_RoundTripsThroughATrustedSelfSignedCertificate()
    {
        var listening = Reactor.ListenTls(0, Factory.ForProtocol<EchoProtocol>(), ServerOptions(), host: "127.0.0.1");
        AddCleanup(() => listening.StopListening());
        var client = new RecordingProtocol();
        var factory = new RecordingClientFactory(() => client);

        Reactor.ConnectTls("127.0.0.1", listening.Port, factory, TrustingClientOptions());
        await client.Made.Task;
        var payload = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("secret line\n", 20_000)));
        client.Transport!.Write(payload);
        await client.UntilReceived(payload.Length);
        client.Transport.LoseConnection();

        client.Received.Should().Equal(payload);
        (await client.Lost.Task).Should().BeAssignableTo<ConnectionClosedException>();
    }

    [Fact]
    public void ConnectTls_WithDefaultValidation_RejectsAnUntrustedCertificate()
    {
        using var harness = new ReactorHarness();
        var server = new RecordingProtocol();
        int port = harness.Invoke(() => harness.Reactor.ListenTls(0, Factory.ForProtocol(() => server), ServerOptions(), host: "127.0.0.1").Port);
        var factory = new RecordingClientFactory(() => new RecordingProtocol());

        harness.Invoke(() => harness.Reactor.ConnectTls("127.0.0.1", port, factory, new SslClientAuthenticationOptions { TargetHost = "localhost" }));

        ReactorHarness.Wait(factory.Failed.Task).Should().BeOfType<TlsHandshakeException>().Which.Message.Should().Contain("127.0.0.1");

        // With TLS 1.3 the client checks the certificate after its side of the handshake is done, so the server
        // may already have built its protocol: that connection must still end, not linger.
        if (server.Made.Task.IsCompleted)
        {
            ReactorHarness.Wait(server.Lost.Task).Should().BeAssignableTo<ConnectionClosedException>();
        }
    }

    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task StartTls_SwitchesAnOpenConnectionToTls()
    {
        var server = new StartTlsServer(ServerOptions());
        var client = new RecordingProtocol();
        ConnectLoopback(server, client);
        await client.Made.Task;

        client.Transport!.Write("STARTTLS\n"u8);
        await client.UntilReceived(3);
        ((Trial.Transports.ITlsTransport)client.Transport).StartTls(TrustingClientOptions());
        client.Transport.Write("inside"u8);

        await client.UntilReceived(3 + 6);
        Encoding.ASCII.GetString(client.Received).Should().Be("OK\ninside");
        client.Transport.LoseConnection();
        await client.Lost.Task;
        await server.Lost.Task;
    }

    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task StartTls_ThatFailsItsHandshake_EndsTheConnectionWithTheHandshakeReason()
    {
        var server = new StartTlsServer(ServerOptions());
        var client = new RecordingProtocol();
        ConnectLoopback(server, client);
        await client.Made.Task;
        client.Transport!.Write("STARTTLS\n"u8);
        await client.UntilReceived(3);

        ((Trial.Transports.ITlsTransport)client.Transport).StartTls(new SslClientAuthenticationOptions { TargetHost = "localhost" });

        (await client.Lost.Task).Should().BeOfType<TlsHandshakeException>();
        await server.Lost.Task;
    }

    internal static X509Certificate2 MakeCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return request.CreateSelfSigned(start, start.AddYears(50));
    }

    /// <summary>Listens on 127.0.0.1 with <paramref name="server"/> as the one protocol (until the test ends), and connects <paramref name="client"/> to it.</summary>
    private void ConnectLoopback(IProtocol server, IProtocol client)
    {
        var listening = Reactor.ListenTcp(0, Factory.ForProtocol(() => server), host: "127.0.0.1");
        AddCleanup(() => listening.StopListening());
        Reactor.ConnectTcp("127.0.0.1", listening.Port, new RecordingClientFactory(() => client));
    }

    private SslServerAuthenticationOptions ServerOptions() => new() { ServerCertificate = _certificate };

    private SslClientAuthenticationOptions TrustingClientOptions()
    {
        string expected = _certificate.Thumbprint;
        return new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is X509Certificate2 c && c.Thumbprint == expected,
        };
    }

    /// <summary>Answers "STARTTLS" with "OK" and switches to TLS, then echoes; records how the connection ends.</summary>
    private sealed class StartTlsServer(SslServerAuthenticationOptions options) : RecordingProtocol
    {
        private bool _tls;

        public override void DataReceived(ReadOnlySpan<byte> data)
        {
            if (!_tls && data.SequenceEqual("STARTTLS\n"u8))
            {
                _tls = true;
                Transport!.Write("OK\n"u8);
                ((Trial.Transports.ITlsTransport)Transport).StartTls(options);
                return;
            }

            Transport!.Write(data);
        }
    }
}
