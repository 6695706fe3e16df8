using System.Buffers;
using System.IO.Pipelines;
using System.Net.Security;
using System.Text;
using Trial.Errors;
using Trial.Streams;
using Trial.Tests.Sockets.Support;

namespace Trial.Tests.Sockets;

[Collection(SocketCollection.Name)]
public sealed class SocketReactorStreamsTests
{
    private static readonly TimeSpan Limit = ReactorHarness.Limit;

    [Fact]
    public async Task ConnectAsync_AndAcceptAsync_EchoThroughStreams()
    {
        using var harness = new ReactorHarness();
        await using var listener = await harness.Reactor.ListenStreamsAsync(0, "127.0.0.1").WaitAsync(Limit);
        int port = listener.Port;
        var serving = Task.Run(async () =>
        {
            var connection = await listener.AcceptAsync().WaitAsync(Limit);
            var buffer = new byte[1024];
            int n;
            while ((n = await connection.Stream.ReadAsync(buffer).AsTask().WaitAsync(Limit)) > 0)
            {
                await connection.Stream.WriteAsync(buffer.AsMemory(0, n)).AsTask().WaitAsync(Limit);
            }

            await connection.Stream.DisposeAsync();
        });

        var client = await harness.Reactor.ConnectAsync("127.0.0.1", port).WaitAsync(Limit);
        await client.Stream.WriteAsync("hello streams"u8.ToArray()).AsTask().WaitAsync(Limit);
        var echoed = new byte[13];
        await client.Stream.ReadExactlyAsync(echoed).AsTask().WaitAsync(Limit);
        await client.Pipe.Output.CompleteAsync().AsTask().WaitAsync(Limit);
        await serving.WaitAsync(Limit);

        Encoding.ASCII.GetString(echoed).Should().Be("hello streams");
        (await client.Stream.ReadAsync(new byte[1]).AsTask().WaitAsync(Limit)).Should().Be(0, "the server closed after the client's half-close");
        harness.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task ConnectAsync_OverTls_ReadsThroughThePipe()
    {
        using var certificate = TlsSessionTests.MakeCertificate();
        using var harness = new ReactorHarness();
        await using var listener = await harness.Reactor.ListenStreamsAsync(0, "127.0.0.1", tls: new SslServerAuthenticationOptions { ServerCertificate = certificate }).WaitAsync(Limit);
        int port = listener.Port;
        var serving = Task.Run(async () =>
        {
            var connection = await listener.AcceptAsync().WaitAsync(Limit);
            await connection.Pipe.Output.WriteAsync("over tls"u8.ToArray()).AsTask().WaitAsync(Limit);
            await connection.Pipe.Output.CompleteAsync();
        });
        string thumbprint = certificate.Thumbprint;
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (_, c, _, _) => c is System.Security.Cryptography.X509Certificates.X509Certificate2 x && x.Thumbprint == thumbprint,
        };

        var client = await harness.Reactor.ConnectAsync("127.0.0.1", port, options).WaitAsync(Limit);
        var text = new StringBuilder();
        while (true)
        {
            var result = await client.Pipe.Input.ReadAsync().AsTask().WaitAsync(Limit);
            foreach (var segment in result.Buffer)
            {
                text.Append(Encoding.ASCII.GetString(segment.Span));
            }

            client.Pipe.Input.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        await serving.WaitAsync(Limit);
        text.ToString().Should().Be("over tls");
    }

    [Fact]
    public async Task ConnectAsync_ToAClosedPort_FailsAsRefused()
    {
        using var harness = new ReactorHarness();

        var connecting = harness.Reactor.ConnectAsync("127.0.0.1", TcpConnectorTests.FreePort());

        await FluentActions.Awaiting(() => connecting.WaitAsync(Limit)).Should().ThrowAsync<ConnectionRefusedException>();
    }

    [Fact]
    public async Task ConnectAsync_WithACancelledToken_IsCancelledWithoutConnecting()
    {
        using var harness = new ReactorHarness();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var connecting = harness.Reactor.ConnectAsync("127.0.0.1", TcpConnectorTests.FreePort(), cancellationToken: cancelled.Token);

        connecting.IsCanceled.Should().BeTrue();
    }

    [Fact]
    public async Task AcceptAsync_IsCancelledByItsToken()
    {
        using var harness = new ReactorHarness();
        await using var listener = await harness.Reactor.ListenStreamsAsync(0, "127.0.0.1").WaitAsync(Limit);
        using var stop = new CancellationTokenSource();

        var accepting = listener.AcceptAsync(stop.Token);
        await stop.CancelAsync();

        await FluentActions.Awaiting(() => accepting.WaitAsync(Limit)).Should().ThrowAsync<OperationCanceledException>();
    }
}
