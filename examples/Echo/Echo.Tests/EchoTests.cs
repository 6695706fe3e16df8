using System.Security.Cryptography;
using Trial.Errors;
using Trial.Protocols;

namespace Examples.Echo.Tests;

/// <summary>
/// The echo scenarios, written once: <see cref="SimulatedEchoTests"/> runs them on virtual time over in-memory
/// connections, <see cref="RealEchoTests"/> over loopback sockets on the real reactor.
/// </summary>
public abstract class EchoTests
{
    /// <summary>Connects a new client to a new server built by <paramref name="server"/>.</summary>
    protected abstract Task<EchoClient> ConnectAsync(Func<IProtocol> server);

    /// <summary>Runs <paramref name="scenario"/> where the client's callbacks run, until it completes.</summary>
    protected abstract void Run(Func<Task> scenario);

    [Fact]
    public void Echoes_a_message()
    {
        Run(async () =>
        {
            var client = await ConnectAsync(() => new EchoServer());

            var echoed = await client.EchoAsync("hello, echo"u8.ToArray());

            echoed.Should().Equal("hello, echo"u8.ToArray());
            client.Transport!.LoseConnection();
            (await client.Closed).Should().BeOfType<ConnectionDoneException>();
        });
    }

    [Fact]
    public void Pipelined_echoes_complete_in_order()
    {
        Run(async () =>
        {
            var client = await ConnectAsync(() => new EchoServer());
            var messages = Enumerable.Range(0, 100).Select(i => Enumerable.Repeat((byte)i, 1 + (i * 37 % 3000)).ToArray()).ToList();

            var echoes = messages.Select(m => client.EchoAsync(m)).ToList();

            for (int i = 0; i < messages.Count; i++)
            {
                (await echoes[i]).Should().Equal(messages[i], $"echo {i} came back in order");
            }

            client.Transport!.LoseConnection();
            await client.Closed;
        });
    }

    [Fact]
    public void A_megabyte_comes_back_whole()
    {
        var message = RandomNumberGenerator.GetBytes(1 << 20);
        Run(async () =>
        {
            var client = await ConnectAsync(() => new EchoServer());

            (await client.EchoAsync(message)).Should().Equal(message);

            client.BytesReceived.Should().Be(1 << 20);
            client.Transport!.LoseConnection();
            await client.Closed;
        });
    }

    [Fact]
    public void A_connection_dropped_mid_stream_fails_the_pending_echo()
    {
        const int SentBack = 10_000;
        Run(async () =>
        {
            var client = await ConnectAsync(() => new DroppingEchoServer(SentBack));

            var echo = client.EchoAsync(new byte[100_000]);
            var failure = await Assert.ThrowsAnyAsync<ConnectionClosedException>(() => echo);

            failure.Should().NotBeOfType<ConnectionDoneException>("a dropped connection is not a clean close");
            client.BytesReceived.Should().BeLessThanOrEqualTo(SentBack);
            (await client.Closed).Should().BeSameAs(failure);
            client.Connected.Should().BeFalse();
        });
    }

    /// <summary>An echo server that dies after sending back <paramref name="limit"/> bytes: the peer sees a reset.</summary>
    private sealed class DroppingEchoServer(int limit) : Protocol
    {
        private int _sent;

        public override void DataReceived(ReadOnlySpan<byte> data)
        {
            int take = Math.Min(data.Length, limit - _sent);
            Transport!.Write(data[..take]);
            _sent += take;
            if (_sent == limit)
            {
                Transport.AbortConnection();
            }
        }
    }
}
