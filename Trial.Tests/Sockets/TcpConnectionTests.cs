using System.Security.Cryptography;
using System.Text;
using Trial.Addresses;
using Trial.Errors;
using Trial.Protocols;
using Trial.Randomness;
using Trial.Reactors;
using Trial.Tests.Sockets.Support;
using Trial.Tests.Support;
using Trial.Transports;

namespace Trial.Tests.Sockets;

/// <summary>
/// TCP connections over real loopback sockets, as real-mode reactor tests: protocol code and the test's awaits run on
/// the test's socket reactor, and each test closes its connections (the runner checks; listeners stop in a cleanup).
/// </summary>
[Collection(SocketCollection.Name)]
public sealed class TcpConnectionTests : TestCase
{
    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task Echo_ReturnsWhatTheClientWrote_AndClosesCleanly()
    {
        int port = Listen(Factory.ForProtocol<EchoProtocol>());
        var client = new RecordingProtocol();
        var factory = new RecordingClientFactory(() => client);
        Reactor.ConnectTcp("127.0.0.1", port, factory);
        await client.Made.Task;

        client.Transport!.Write("hello, trial"u8);
        await client.UntilReceived(12);
        client.Transport.Disconnecting.Should().BeFalse();
        client.Transport.LoseConnection();

        client.Transport.Disconnecting.Should().BeTrue();
        Encoding.ASCII.GetString(client.Received).Should().Be("hello, trial");
        (await client.Lost.Task).Should().BeOfType<ConnectionDoneException>();
        (await factory.ConnectionEnded.Task).Should().BeOfType<ConnectionDoneException>();
    }

    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task Echo_WorksOverIPv6Loopback()
    {
        var server = new EchoingProtocol();
        var listening = Reactor.ListenTcp(0, Factory.ForProtocol(() => server), host: "::1");
        AddCleanup(() => listening.StopListening());
        var address = (TcpAddress)listening.LocalAddress;
        address.Host.Should().Be("::1");
        var client = new RecordingProtocol();
        Reactor.ConnectTcp("::1", address.Port, new RecordingClientFactory(() => client));
        await client.Made.Task;

        client.Transport!.Write("six"u8);

        await client.UntilReceived(3);
        ((TcpAddress)client.Transport.RemoteAddress).Should().Be(new TcpAddress("::1", address.Port));
        await CloseAsync(client, server);
    }

    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task Transfer_Of64MiB_ArrivesIntactThroughFlowControl()
    {
        const long total = 64L << 20;
        int port = Listen(Factory.ForProtocol<EchoProtocol>());
        var client = new StreamingClient(total, seed: 7);
        Reactor.ConnectTcp("127.0.0.1", port, new RecordingClientFactory(() => client));

        await client.Done.Task;

        client.Received.Should().Be(total);
        client.ReceivedHash.Should().Equal(client.SentHash);
        client.Pauses.Should().BePositive("the producer must have been paused above the high water mark");
        client.Resumes.Should().BePositive();
        (await client.Lost.Task).Should().BeOfType<ConnectionDoneException>();
    }

    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task ManyClients_AtOnce_AreEachEchoedTheirOwnMessage()
    {
        const int clients = 100;
        int port = Listen(Factory.ForProtocol<EchoProtocol>());
        var protocols = Enumerable.Range(0, clients).Select(_ => new RecordingProtocol()).ToArray();
        for (int i = 0; i < clients; i++)
        {
            Reactor.ConnectTcp("127.0.0.1", port, new GreetingFactory(protocols[i], $"client {i:D3}"));
        }

        await Task.WhenAll(protocols.Select(p => p.UntilReceived(10)));

        protocols.Select(p => Encoding.ASCII.GetString(p.Received)).Should().Equal(Enumerable.Range(0, clients).Select(i => $"client {i:D3}"));
        foreach (var protocol in protocols)
        {
            protocol.Transport!.LoseConnection();
        }

        (await Task.WhenAll(protocols.Select(p => p.Lost.Task))).Should().AllBeOfType<ConnectionDoneException>();
    }

    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task HalfClose_LetsTheServerAnswerAfterTheClientStoppedWriting()
    {
        var server = new HalfCloseProtocol(answer: "bye");
        var client = new HalfCloseProtocol(answer: null);
        ConnectLoopback(server, client);
        await client.Made.Task;

        client.Transport!.Write("request"u8);
        client.Transport.LoseWriteConnection();

        await client.WriteLost.Task;
        await server.ReadLost.Task;
        (await client.Lost.Task).Should().BeOfType<ConnectionDoneException>();
        Encoding.ASCII.GetString(server.Received).Should().Be("request");
        Encoding.ASCII.GetString(client.Received).Should().Be("bye");
        (await server.Lost.Task).Should().BeOfType<ConnectionDoneException>();
    }

    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task Abort_IsSeenAsAResetByThePeer()
    {
        var server = new RecordingProtocol();
        var client = new RecordingProtocol();
        ConnectLoopback(server, client);
        await server.Made.Task;
        await client.Made.Task;

        server.Transport!.Write(new byte[1 << 20]);
        server.Transport.AbortConnection();

        (await server.Lost.Task).Should().BeOfType<ConnectionAbortedException>();
        (await client.Lost.Task).Should().BeOfType<ConnectionResetException>();
    }

    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task LoseConnection_DeliversEveryBufferedByteBeforeTheCleanClose()
    {
        const int size = 8 << 20;
        var server = new RecordingProtocol();
        var client = new RecordingProtocol();
        ConnectLoopback(server, client);
        await server.Made.Task;
        var payload = new byte[size];
        for (int i = 0; i < size; i++)
        {
            payload[i] = (byte)(i * 31);
        }

        server.Transport!.Write(payload);
        server.Transport.LoseConnection();

        (await client.Lost.Task).Should().BeOfType<ConnectionDoneException>();
        client.Received.Should().Equal(payload);
        (await server.Lost.Task).Should().BeOfType<ConnectionDoneException>();
    }

    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task PausedTransport_StopsDeliveringUntilResumed()
    {
        var server = new RecordingProtocol();
        var client = new RecordingProtocol();
        ConnectLoopback(server, client);
        await server.Made.Task;
        await client.Made.Task;

        server.Transport!.PauseProducing();
        client.Transport!.Write("held"u8);

        // A round trip the other way proves the loop ran while the paused side held its input.
        server.Transport.Write("ping"u8);
        await client.UntilReceived(4);
        server.Count.Should().Be(0);

        server.Transport.ResumeProducing();
        await server.UntilReceived(4);
        Encoding.ASCII.GetString(server.Received).Should().Be("held");
        await CloseAsync(client, server);
    }

    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task PullProducer_IsAskedForMoreEachTimeTheBufferDrains()
    {
        var server = new RecordingProtocol();
        var client = new RecordingProtocol();
        ConnectLoopback(server, client);
        await client.Made.Task;
        var producer = new CountingPullProducer(client, chunks: 20, chunkSize: 1000);

        client.Transport!.RegisterProducer(producer, streaming: false);

        await server.UntilReceived(20_000);
        (await client.Lost.Task).Should().BeOfType<ConnectionDoneException>();
        producer.Asked.Should().Be(21);
        (await server.Lost.Task).Should().BeOfType<ConnectionDoneException>();
    }

    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task RegisterProducer_Twice_Throws()
    {
        var server = new RecordingProtocol();
        var client = new RecordingProtocol();
        ConnectLoopback(server, client);
        await server.Made.Task;

        var act = () =>
        {
            server.Transport!.RegisterProducer(server.Transport, streaming: true);
            server.Transport.RegisterProducer(server.Transport, streaming: true);
        };

        act.Should().Throw<InvalidOperationException>().WithMessage("*already registered*");
        await client.Made.Task;
        await CloseAsync(client, server);
    }

    /// <summary>Listens on 127.0.0.1 and stops listening when the test ends.</summary>
    /// <returns>The port the system chose.</returns>
    private int Listen(IProtocolFactory factory)
    {
        var listening = Reactor.ListenTcp(0, factory, host: "127.0.0.1");
        AddCleanup(() => listening.StopListening());
        return listening.Port;
    }

    /// <summary>Listens on 127.0.0.1 with <paramref name="server"/> as the one protocol, and connects <paramref name="client"/> to it.</summary>
    private void ConnectLoopback(IProtocol server, IProtocol client) =>
        Reactor.ConnectTcp("127.0.0.1", Listen(Factory.ForProtocol(() => server)), new RecordingClientFactory(() => client));

    /// <summary>Closes the client's end and waits until both ends have seen the clean close.</summary>
    private static async Task CloseAsync(RecordingProtocol client, RecordingProtocol server)
    {
        client.Transport!.LoseConnection();
        (await client.Lost.Task).Should().BeOfType<ConnectionDoneException>();
        (await server.Lost.Task).Should().BeOfType<ConnectionDoneException>();
    }

    /// <summary>Echoes what it receives, and records it like any <see cref="RecordingProtocol"/>.</summary>
    private sealed class EchoingProtocol : RecordingProtocol
    {
        public override void DataReceived(ReadOnlySpan<byte> data)
        {
            base.DataReceived(data);
            Transport!.Write(data);
        }
    }

    private sealed class GreetingFactory(RecordingProtocol protocol, string message) : ClientFactory(_ => new Greeter(protocol, message))
    {
        private sealed class Greeter(RecordingProtocol inner, string message) : IProtocol
        {
            public void MakeConnection(ITransport transport)
            {
                inner.MakeConnection(transport);
                transport.Write(Encoding.ASCII.GetBytes(message));
            }

            public void ConnectionMade()
            {
            }

            public void DataReceived(ReadOnlySpan<byte> data) => inner.DataReceived(data);

            public void ConnectionLost(Exception reason) => inner.ConnectionLost(reason);
        }
    }

    private sealed class HalfCloseProtocol(string? answer) : RecordingProtocol, IHalfCloseableProtocol
    {
        public TaskCompletionSource ReadLost { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource WriteLost { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void ReadConnectionLost()
        {
            ReadLost.TrySetResult();
            if (answer is not null)
            {
                Transport!.Write(Encoding.ASCII.GetBytes(answer));
                Transport.LoseConnection();
            }
        }

        public void WriteConnectionLost() => WriteLost.TrySetResult();
    }

    private sealed class CountingPullProducer(RecordingProtocol protocol, int chunks, int chunkSize) : IPullProducer
    {
        public int Asked { get; private set; }

        public void ResumeProducing()
        {
            Asked++;
            if (Asked <= chunks)
            {
                protocol.Transport!.Write(new byte[chunkSize]);
            }
            else
            {
                protocol.Transport!.UnregisterProducer();
                protocol.Transport.LoseConnection();
            }
        }

        public void StopProducing()
        {
        }
    }

    /// <summary>Streams seeded random bytes as a push producer and hashes what comes back.</summary>
    private sealed class StreamingClient(long total, ulong seed) : Protocol, IPushProducer
    {
        private readonly SeededRandom _random = new(seed);
        private readonly IncrementalHash _sent = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly IncrementalHash _received = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly byte[] _chunk = new byte[64 * 1024];
        private long _written;
        private bool _paused;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<Exception> Lost { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long Received { get; private set; }

        public byte[] SentHash { get; private set; } = [];

        public byte[] ReceivedHash { get; private set; } = [];

        public int Pauses { get; private set; }

        public int Resumes { get; private set; }

        public override void ConnectionMade()
        {
            Transport!.RegisterProducer(this, streaming: true);
            Produce();
        }

        public override void DataReceived(ReadOnlySpan<byte> data)
        {
            _received.AppendData(data);
            Received += data.Length;
            if (Received == total)
            {
                SentHash = _sent.GetHashAndReset();
                ReceivedHash = _received.GetHashAndReset();
                Transport!.LoseConnection();
                Done.TrySetResult();
            }
        }

        public override void ConnectionLost(Exception reason)
        {
            base.ConnectionLost(reason);
            Lost.TrySetResult(reason);
        }

        public void PauseProducing()
        {
            Pauses++;
            _paused = true;
        }

        public void ResumeProducing()
        {
            Resumes++;
            _paused = false;
            Produce();
        }

        public void StopProducing() => _paused = true;

        private void Produce()
        {
            while (!_paused && _written < total)
            {
                for (int i = 0; i < _chunk.Length; i += 8)
                {
                    BitConverter.TryWriteBytes(_chunk.AsSpan(i), _random.NextUInt64());
                }

                int n = (int)Math.Min(_chunk.Length, total - _written);
                _sent.AppendData(_chunk.AsSpan(0, n));
                _written += n;
                Transport!.Write(_chunk.AsSpan(0, n));
            }

            if (_written == total)
            {
                Transport!.UnregisterProducer();
            }
        }
    }
}
