using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Trial.Errors;
using Trial.Logging;
using Trial.Protocols;
using Trial.Tests.Sockets.Support;
using Trial.Tests.Support;

namespace Trial.Tests.Sockets;

/// <summary>
/// How TLS connections end and fail, checked against a plain <see cref="SslStream"/> peer that shows what went over
/// the wire; Twisted's <c>TLSMemoryBIOProtocol</c> is the reference. Tests between two Trial ends are real-mode
/// reactor tests, as are those that read what the reactor logs; those with the blocking <see cref="SslStream"/> peer
/// keep <see cref="ReactorHarness"/>.
/// </summary>
[Collection(SocketCollection.Name)]
public sealed class TlsCloseTests : TestCase, IDisposable
{
    private const byte AlertRecord = 21;
    private readonly X509Certificate2 _certificate = TlsSessionTests.MakeCertificate();

    public void Dispose() => _certificate.Dispose();

    [Fact]
    public void PeersCloseNotify_IsAnsweredWithOurs_BeforeTcpCloses()
    {
        using var harness = new ReactorHarness();
        var server = new RecordingProtocol();
        using var peer = Peer.Connect(ListenTls(harness, server), TrustingOptions());
        ReactorHarness.Wait(server.Made.Task);

        ReactorHarness.Wait(peer.Tls.ShutdownAsync());
        byte[] answer = peer.ReadRawToEnd();

        answer.Should().NotBeEmpty("a close_notify must be answered with one before the TCP connection closes");
        answer[0].Should().Be(AlertRecord, "the answer is a TLS alert record");
        ReactorHarness.Wait(server.Lost.Task).Should().BeOfType<ConnectionDoneException>();
        harness.Errors.Should().BeEmpty();
    }

    [Fact]
    public void BareTcpCloseWithoutCloseNotify_IsReportedAsConnectionLost()
    {
        using var harness = new ReactorHarness();
        var server = new RecordingProtocol();
        using var peer = Peer.Connect(ListenTls(harness, server), TrustingOptions());
        ReactorHarness.Wait(server.Made.Task);

        peer.Socket.Shutdown(SocketShutdown.Send);

        ReactorHarness.Wait(server.Lost.Task).Should().BeOfType<ConnectionLostException>()
            .Which.Message.Should().Contain("close_notify");
        harness.Errors.Should().BeEmpty();
    }

    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task LoseConnection_BetweenTwoTrialEnds_IsACleanCloseOnBothSides()
    {
        var server = new RecordingProtocol();
        int port = ListenTls(server);
        var client = new RecordingProtocol();
        Reactor.ConnectTls("127.0.0.1", port, new RecordingClientFactory(() => client), TrustingOptions());
        await client.Made.Task;
        await server.Made.Task;

        client.Transport!.LoseConnection();

        (await client.Lost.Task).Should().BeOfType<ConnectionDoneException>();
        (await server.Lost.Task).Should().BeOfType<ConnectionDoneException>();
    }

    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task ConnectTls_LeavesTheCallersOptionsUnchanged()
    {
        var server = new RecordingProtocol();
        int port = ListenTls(server);
        var options = TrustingOptions();
        options.TargetHost = null;
        var client = new RecordingProtocol();

        Reactor.ConnectTls("127.0.0.1", port, new RecordingClientFactory(() => client), options);
        await client.Made.Task;

        options.TargetHost.Should().BeNull("the caller's options may be reused for another host");
        client.Transport!.LoseConnection();
        await client.Lost.Task;
        await server.Lost.Task;
    }

    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task ServerHandshakeThatFails_IsLoggedAsAHandshakeFailure_NotAsAnError()
    {
        var server = new RecordingProtocol();
        int port = ListenTls(server);
        var logged = FirstLogged();
        using var socket = Peer.RawSocket(port);

        // A client that speaks plain text to a TLS port: the handshake fails before any protocol exists.
        socket.Send("GET / HTTP/1.0\r\n\r\n"u8);
        var first = await logged;

        first.IsError.Should().BeFalse($"a failed handshake is the peer's doing, not a bug in the server, but it was logged as: {first}");
        first.Level.Should().Be(Microsoft.Extensions.Logging.LogLevel.Information);
        first.FormatMessage().Should().Contain("handshake").And.Contain("127.0.0.1");
        server.Made.Task.IsCompleted.Should().BeFalse();
    }

    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task ServerConnectionClosedBeforeTheHandshake_IsLoggedAsAHandshakeFailure_NotAsAnError()
    {
        int port = ListenTls(new RecordingProtocol());
        var logged = FirstLogged();

        Peer.RawSocket(port).Dispose();
        var first = await logged;

        first.IsError.Should().BeFalse($"it was logged as: {first}");
        first.FormatMessage().Should().Contain("handshake");
    }

    /// <summary>The first event the test's reactor logs from now on (errors would fail the test anyway).</summary>
    private Task<LogEvent> FirstLogged()
    {
        var first = new FirstEvent();
        Log.AddObserver(first);
        return first.Logged;
    }

    /// <summary>Listens for TLS on 127.0.0.1 with <paramref name="server"/> as the one protocol, until the test ends.</summary>
    /// <returns>The port the system chose.</returns>
    private int ListenTls(IProtocol server)
    {
        var listening = Reactor.ListenTls(0, Factory.ForProtocol(() => server), new SslServerAuthenticationOptions { ServerCertificate = _certificate }, host: "127.0.0.1");
        AddCleanup(() => listening.StopListening());
        return listening.Port;
    }

    private int ListenTls(ReactorHarness harness, IProtocol server) =>
        harness.Invoke(() => harness.Reactor.ListenTls(0, Factory.ForProtocol(() => server), new SslServerAuthenticationOptions { ServerCertificate = _certificate }, host: "127.0.0.1").Port);

    private SslClientAuthenticationOptions TrustingOptions()
    {
        string expected = _certificate.Thumbprint;
        return new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            EnabledSslProtocols = SslProtocols.Tls12,
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is X509Certificate2 c && c.Thumbprint == expected,
        };
    }

    private sealed class FirstEvent : ILogObserver
    {
        private readonly TaskCompletionSource<LogEvent> _logged = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<LogEvent> Logged => _logged.Task;

        public void Observe(LogEvent logEvent) => _logged.TrySetResult(logEvent);
    }

    /// <summary>A blocking <see cref="SslStream"/> client whose raw socket the test can also read and shut down.</summary>
    private sealed class Peer : IDisposable
    {
        private readonly NetworkStream _network;

        private Peer(Socket socket)
        {
            Socket = socket;
            _network = new NetworkStream(socket, ownsSocket: false);
            Tls = new SslStream(_network, leaveInnerStreamOpen: true);
        }

        public Socket Socket { get; }

        public SslStream Tls { get; }

        public static Socket RawSocket(int port)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
            {
                ReceiveTimeout = (int)ReactorHarness.Limit.TotalMilliseconds,
                SendTimeout = (int)ReactorHarness.Limit.TotalMilliseconds,
            };
            socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
            return socket;
        }

        public static Peer Connect(int port, SslClientAuthenticationOptions options)
        {
            var peer = new Peer(RawSocket(port));
            ReactorHarness.Wait(peer.Tls.AuthenticateAsClientAsync(options));
            return peer;
        }

        /// <summary>Reads the raw bytes (no TLS) until the other side closes TCP; bounded by the receive timeout.</summary>
        public byte[] ReadRawToEnd()
        {
            var received = new MemoryStream();
            var buffer = new byte[4096];
            int n;
            while ((n = Socket.Receive(buffer)) > 0)
            {
                received.Write(buffer, 0, n);
            }

            return received.ToArray();
        }

        public void Dispose()
        {
            Tls.Dispose();
            _network.Dispose();
            Socket.Dispose();
        }
    }
}
