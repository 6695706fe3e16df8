using System.IO.Pipelines;
using System.Net.Security;
using System.Text;
using Trial.Errors;
using Trial.Streams;
using Trial.Tests.Sockets.Support;
using Trial.Tests.Support;

namespace Trial.Tests.Sockets;

/// <summary>
/// The async streams over real loopback sockets, as real-mode reactor tests: the code awaits on the socket reactor's
/// thread, and the runner checks that every listener and connection is closed at the end.
/// </summary>
[Collection(SocketCollection.Name)]
public sealed class SocketReactorStreamsTests : TestCase
{
    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task ConnectAsync_AndAcceptAsync_EchoThroughStreams()
    {
        await using var listener = await Reactor.ListenStreamsAsync(0, "127.0.0.1");
        var serving = StreamEcho.ServeOneAsync(listener);

        var client = await Reactor.ConnectAsync("127.0.0.1", listener.Port);
        await client.Stream.WriteAsync("hello streams"u8.ToArray());
        var echoed = new byte[13];
        await client.Stream.ReadExactlyAsync(echoed);
        await client.Pipe.Output.CompleteAsync();
        await serving;

        Encoding.ASCII.GetString(echoed).Should().Be("hello streams");
        (await client.Stream.ReadAsync(new byte[1])).Should().Be(0, "the server closed after the client's half-close");
    }

    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task ConnectAsync_OverTls_ReadsThroughThePipe()
    {
        using var certificate = TlsSessionTests.MakeCertificate();
        await using var listener = await Reactor.ListenStreamsAsync(0, "127.0.0.1", tls: new SslServerAuthenticationOptions { ServerCertificate = certificate });
        var serving = WriteThenReadToEndAsync(listener, "over tls"u8.ToArray());
        string thumbprint = certificate.Thumbprint;
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (_, c, _, _) => c is System.Security.Cryptography.X509Certificates.X509Certificate2 x && x.Thumbprint == thumbprint,
        };

        var client = await Reactor.ConnectAsync("127.0.0.1", listener.Port, options);
        string text = await ReadToEndAsync(client.Pipe.Input);
        await client.Stream.DisposeAsync();
        await serving;

        text.Should().Be("over tls");
    }

    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task ConnectAsync_ToAClosedPort_FailsAsRefused()
    {
        var connecting = Reactor.ConnectAsync("127.0.0.1", TcpConnectorTests.FreePort());

        await FluentActions.Awaiting(() => connecting).Should().ThrowAsync<ConnectionRefusedException>();
    }

    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task ConnectAsync_WithACancelledToken_IsCancelledWithoutConnecting()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var connecting = Reactor.ConnectAsync("127.0.0.1", TcpConnectorTests.FreePort(), cancellationToken: cancelled.Token);

        connecting.IsCanceled.Should().BeTrue();
    }

    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task AcceptAsync_IsCancelledByItsToken()
    {
        await using var listener = await Reactor.ListenStreamsAsync(0, "127.0.0.1");
        using var stop = new CancellationTokenSource();

        var accepting = listener.AcceptAsync(stop.Token);
        await stop.CancelAsync();

        await FluentActions.Awaiting(() => accepting).Should().ThrowAsync<OperationCanceledException>();
    }

    /// <summary>Accepts one connection, writes <paramref name="data"/> and half-closes, then waits for the client's close.</summary>
    private static async Task WriteThenReadToEndAsync(StreamListener listener, byte[] data)
    {
        var connection = await listener.AcceptAsync();
        await connection.Pipe.Output.WriteAsync(data);
        await connection.Pipe.Output.CompleteAsync();
        (await ReadToEndAsync(connection.Pipe.Input)).Should().BeEmpty("the client sends nothing before it closes");
    }

    private static async Task<string> ReadToEndAsync(PipeReader input)
    {
        var text = new StringBuilder();
        while (true)
        {
            var result = await input.ReadAsync();
            foreach (var segment in result.Buffer)
            {
                text.Append(Encoding.ASCII.GetString(segment.Span));
            }

            input.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return text.ToString();
            }
        }
    }
}
