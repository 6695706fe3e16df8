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

[Collection(SocketCollection.Name)]
public sealed class TcpConnectionTests
{
    [Fact]
    public void Echo_ReturnsWhatTheClientWrote_AndClosesCleanly()
    {
        using var harness = new ReactorHarness();
        int port = harness.Invoke(() => harness.Reactor.ListenTcp(0, Factory.ForProtocol<EchoProtocol>(), host: "127.0.0.1").Port);
        var client = new RecordingProtocol();
        var factory = new RecordingClientFactory(() => client);
        harness.Invoke(() => harness.Reactor.ConnectTcp("127.0.0.1", port, factory));
        ReactorHarness.Wait(client.Made.Task);

        harness.Invoke(() => client.Transport!.Write("hello, trial"u8));
        ReactorHarness.Wait(client.UntilReceived(12));
        harness.Invoke(() => client.Transport!.Disconnecting).Should().BeFalse();
        harness.Invoke(() => client.Transport!.LoseConnection());

        harness.Invoke(() => client.Transport!.Disconnecting).Should().BeTrue();
        Encoding.ASCII.GetString(client.Received).Should().Be("hello, trial");
        ReactorHarness.Wait(client.Lost.Task).Should().BeOfType<ConnectionDoneException>();
        ReactorHarness.Wait(factory.ConnectionEnded.Task).Should().BeOfType<ConnectionDoneException>();
        harness.Errors.Should().BeEmpty();
    }

    [Fact]
    public void Echo_WorksOverIPv6Loopback()
    {
        using var harness = new ReactorHarness();
        var listening = harness.Invoke(() => harness.Reactor.ListenTcp(0, Factory.ForProtocol<EchoProtocol>(), host: "::1"));
        var address = (TcpAddress)listening.LocalAddress;
        address.Host.Should().Be("::1");
        var client = new RecordingProtocol();
        harness.Invoke(() => harness.Reactor.ConnectTcp("::1", address.Port, new RecordingClientFactory(() => client)));
        ReactorHarness.Wait(client.Made.Task);

        harness.Invoke(() => client.Transport!.Write("six"u8));

        ReactorHarness.Wait(client.UntilReceived(3));
        ((TcpAddress)client.Transport!.RemoteAddress).Should().Be(new TcpAddress("::1", address.Port));
    }

    [Fact]
    public void Transfer_Of64MiB_ArrivesIntactThroughFlowControl()
    {
        const long total = 64L << 20;
        using var harness = new ReactorHarness();
        int port = harness.Invoke(() => harness.Reactor.ListenTcp(0, Factory.ForProtocol<EchoProtocol>(), host: "127.0.0.1").Port);
        var client = new StreamingClient(total, seed: 7);
        harness.Invoke(() => harness.Reactor.ConnectTcp("127.0.0.1", port, new RecordingClientFactory(() => client)));

        ReactorHarness.Wait(client.Done.Task);

        client.Received.Should().Be(total);
        client.ReceivedHash.Should().Equal(client.SentHash);
        client.Pauses.Should().BePositive("the producer must have been paused above the high water mark");
        client.Resumes.Should().BePositive();
        harness.Errors.Should().BeEmpty();
    }

    [Fact]
    public void ManyClients_AtOnce_AreEachEchoedTheirOwnMessage()
    {
        const int clients = 100;
        using var harness = new ReactorHarness();
        int port = harness.Invoke(() => harness.Reactor.ListenTcp(0, Factory.ForProtocol<EchoProtocol>(), host: "127.0.0.1").Port);
        var protocols = Enumerable.Range(0, clients).Select(_ => new RecordingProtocol()).ToArray();
        harness.Invoke(() =>
        {
            for (int i = 0; i < clients; i++)
            {
                var protocol = protocols[i];
                string message = $"client {i:D3}";
                harness.Reactor.ConnectTcp("127.0.0.1", port, new GreetingFactory(protocol, message));
            }
        });

        ReactorHarness.Wait(Task.WhenAll(protocols.Select(p => p.UntilReceived(10))));

        protocols.Select(p => Encoding.ASCII.GetString(p.Received)).Should().Equal(Enumerable.Range(0, clients).Select(i => $"client {i:D3}"));
    }

    [Fact]
    public void HalfClose_LetsTheServerAnswerAfterTheClientStoppedWriting()
    {
        using var harness = new ReactorHarness();
        var server = new HalfCloseProtocol(answer: "bye");
        var client = new HalfCloseProtocol(answer: null);
        harness.ConnectLoopback(server, client);
        ReactorHarness.Wait(client.Made.Task);

        harness.Invoke(() =>
        {
            client.Transport!.Write("request"u8);
            client.Transport.LoseWriteConnection();
        });

        ReactorHarness.Wait(client.WriteLost.Task);
        ReactorHarness.Wait(server.ReadLost.Task);
        ReactorHarness.Wait(client.Lost.Task).Should().BeOfType<ConnectionDoneException>();
        Encoding.ASCII.GetString(server.Received).Should().Be("request");
        Encoding.ASCII.GetString(client.Received).Should().Be("bye");
        ReactorHarness.Wait(server.Lost.Task).Should().BeOfType<ConnectionDoneException>();
    }

    [Fact]
    public void Abort_IsSeenAsAResetByThePeer()
    {
        using var harness = new ReactorHarness();
        var server = new RecordingProtocol();
        var client = new RecordingProtocol();
        harness.ConnectLoopback(server, client);
        ReactorHarness.Wait(server.Made.Task);
        ReactorHarness.Wait(client.Made.Task);

        harness.Invoke(() =>
        {
            server.Transport!.Write(new byte[1 << 20]);
            server.Transport.AbortConnection();
        });

        ReactorHarness.Wait(server.Lost.Task).Should().BeOfType<ConnectionAbortedException>();
        ReactorHarness.Wait(client.Lost.Task).Should().BeOfType<ConnectionResetException>();
    }

    [Fact]
    public void LoseConnection_DeliversEveryBufferedByteBeforeTheCleanClose()
    {
        const int size = 8 << 20;
        using var harness = new ReactorHarness();
        var server = new RecordingProtocol();
        var client = new RecordingProtocol();
        harness.ConnectLoopback(server, client);
        ReactorHarness.Wait(server.Made.Task);
        var payload = new byte[size];
        for (int i = 0; i < size; i++)
        {
            payload[i] = (byte)(i * 31);
        }

        harness.Invoke(() =>
        {
            server.Transport!.Write(payload);
            server.Transport.LoseConnection();
        });

        ReactorHarness.Wait(client.Lost.Task).Should().BeOfType<ConnectionDoneException>();
        client.Received.Should().Equal(payload);
    }

    [Fact]
    public void PausedTransport_StopsDeliveringUntilResumed()
    {
        using var harness = new ReactorHarness();
        var server = new RecordingProtocol();
        var client = new RecordingProtocol();
        harness.ConnectLoopback(server, client);
        ReactorHarness.Wait(server.Made.Task);
        ReactorHarness.Wait(client.Made.Task);

        harness.Invoke(() => server.Transport!.PauseProducing());
        harness.Invoke(() => client.Transport!.Write("held"u8));

        // A round trip the other way proves the loop ran while the paused side held its input.
        harness.Invoke(() => server.Transport!.Write("ping"u8));
        ReactorHarness.Wait(client.UntilReceived(4));
        harness.Invoke(() => server.Count).Should().Be(0);

        harness.Invoke(() => server.Transport!.ResumeProducing());
        ReactorHarness.Wait(server.UntilReceived(4));
        Encoding.ASCII.GetString(server.Received).Should().Be("held");
    }

    [Fact]
    public void PullProducer_IsAskedForMoreEachTimeTheBufferDrains()
    {
        using var harness = new ReactorHarness();
        var server = new RecordingProtocol();
        var client = new RecordingProtocol();
        harness.ConnectLoopback(server, client);
        ReactorHarness.Wait(client.Made.Task);
        var producer = new CountingPullProducer(client, chunks: 20, chunkSize: 1000);

        harness.Invoke(() => client.Transport!.RegisterProducer(producer, streaming: false));

        ReactorHarness.Wait(server.UntilReceived(20_000));
        ReactorHarness.Wait(client.Lost.Task).Should().BeOfType<ConnectionDoneException>();
        producer.Asked.Should().Be(21);
    }

    [Fact]
    public void RegisterProducer_Twice_Throws()
    {
        using var harness = new ReactorHarness();
        var server = new RecordingProtocol();
        int port = harness.Invoke(() => harness.Reactor.ListenTcp(0, Factory.ForProtocol(() => server), host: "127.0.0.1").Port);
        harness.Invoke(() => harness.Reactor.ConnectTcp("127.0.0.1", port, new RecordingClientFactory(() => new RecordingProtocol())));
        ReactorHarness.Wait(server.Made.Task);

        var act = () => harness.Invoke(() =>
        {
            server.Transport!.RegisterProducer(server.Transport, streaming: true);
            server.Transport.RegisterProducer(server.Transport, streaming: true);
        });

        act.Should().Throw<AggregateException>().WithInnerException<InvalidOperationException>().WithMessage("*already registered*");
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
