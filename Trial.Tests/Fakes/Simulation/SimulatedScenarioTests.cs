using System.Text;
using Trial.Errors;
using Trial.Fakes.Simulation;
using Trial.Protocols;
using Trial.Reactors;
using Trial.Streams;
using Trial.Time;
using Trial.Transports;

namespace Trial.Tests.Fakes.Simulation;

/// <summary>
/// Protocols riding out faults on the simulated network, as reactor tests: each scenario runs its own hosts beside the
/// test's, on the network options <see cref="CreateNetworkOptions"/> picks for it, and <see cref="TearDownAsync"/> takes them down.
/// </summary>
public sealed class SimulatedScenarioTests : TestCase
{
    protected override NetworkOptions CreateNetworkOptions(string testMethod) => testMethod switch
    {
        nameof(ReconnectingClient_RidesOutAPartitionAndTheHeal) => new() { DefaultLink = new LinkOptions { Jitter = TimeSpan.FromMilliseconds(1) } },
        nameof(SlowConsumer_ThrottlesItsSenderWithoutLoss) => new() { ReceiveWindow = 16 * 1024, HighWaterMark = 32 * 1024, LowWaterMark = 8 * 1024 },
        nameof(AsyncStreams_SlowReaderThrottlesWriterWithoutLoss) => new()
        {
            DefaultLink = new LinkOptions { MinSegmentSize = 100, MaxSegmentSize = 1400, Jitter = TimeSpan.FromMilliseconds(2) },
            ReceiveWindow = 8192,
            HighWaterMark = 8192,
            LowWaterMark = 2048,
        },
        _ => new(),
    };

    /// <summary>Takes down the hosts the scenario added, whose heartbeats, reconnects and open connections would otherwise run on past the test.</summary>
    /// <returns>A completed task.</returns>
    protected override Task TearDownAsync()
    {
        foreach (var host in Network.Hosts.Where(h => !ReferenceEquals(h, Reactor) && !h.IsDown))
        {
            host.Crash();
        }

        return Task.CompletedTask;
    }

    [ReactorFact(Seed = 7)]
    public async Task ReconnectingClient_RidesOutAPartitionAndTheHeal()
    {
        var connections = new List<TimeSpan>();
        var pingsAt = new List<TimeSpan>();
        Network.AddHost("server", startup: h => h.ListenTcp(80, Factory.ForProtocol(() =>
        {
            connections.Add(h.Now);
            return new Counter(() => pingsAt.Add(h.Now));
        })));
        ReconnectingClientFactory? factory = null;
        Network.AddHost("client", startup: h =>
        {
            factory = new ReconnectingClientFactory(h, h.Random, _ => new Pinger(h)) { MaxDelay = TimeSpan.FromSeconds(5) };
            h.ConnectTcp("server", 80, factory, TimeSpan.FromSeconds(5));
        });

        Network.At(TimeSpan.FromSeconds(5), n => n.Isolate("server"));
        Network.At(TimeSpan.FromSeconds(90), n => n.Heal());
        await Task.Delay(TimeSpan.FromSeconds(120), Reactor.TimeProvider);

        connections.Should().HaveCountGreaterThanOrEqualTo(2);
        connections[0].Should().BeLessThan(TimeSpan.FromSeconds(1));
        connections[^1].Should().BeGreaterThan(TimeSpan.FromSeconds(90)).And.BeLessThan(TimeSpan.FromSeconds(100), "the client retries within its maximum delay and connect timeout");
        pingsAt.Should().Contain(t => t < TimeSpan.FromSeconds(5)).And.Contain(t => t > TimeSpan.FromSeconds(100));
        pingsAt.Should().NotContain(t => t > TimeSpan.FromSeconds(6) && t < TimeSpan.FromSeconds(90), "nothing crosses the partition");
        factory!.Retries.Should().Be(0, "the delay resets once connected again");
        Network.Trace.Events.Should().Contain(e => e.Kind == TraceEventKind.ConnectionLost && e.Host == "client" && e.Detail == nameof(ConnectionTimedOutException));
    }

    [ReactorFact(Seed = 3)]
    public async Task HeartbeatDetector_NoticesAMachineCrashWithinItsTimeoutAndTheRestartedHostRejoins()
    {
        var cluster = new HeartbeatCluster(Network, "a", "b", "c");
        await Task.Delay(TimeSpan.FromSeconds(10), Reactor.TimeProvider);
        cluster["a"].LastHeard.Keys.Should().BeEquivalentTo(["b", "c"]);

        var crashedAt = Network.Now;
        Network["c"].Crash(CrashKind.Machine);
        await Task.Delay(TimeSpan.FromSeconds(10), Reactor.TimeProvider);

        foreach (string survivor in new[] { "a", "b" })
        {
            cluster[survivor].SuspectedSince.Should().ContainKey("c");
            (cluster[survivor].SuspectedSince["c"] - crashedAt).Should().BeLessThanOrEqualTo(HeartbeatCluster.Timeout + TimeSpan.FromSeconds(1.5));
            cluster[survivor].SuspectedSince.Should().NotContainKey(survivor == "a" ? "b" : "a");
        }

        var restartedAt = Network.Now;
        Network["c"].Restart();
        await Task.Delay(TimeSpan.FromSeconds(5), Reactor.TimeProvider);

        foreach (string survivor in new[] { "a", "b" })
        {
            cluster[survivor].SuspectedSince.Should().NotContainKey("c");
            cluster[survivor].LastHeard["c"].Should().BeGreaterThan(restartedAt);
        }

        cluster["c"].LastHeard.Keys.Should().BeEquivalentTo(["a", "b"], "the restarted host hears its peers again");
    }

    [ReactorFact(Seed = 11)]
    public async Task SlowConsumer_ThrottlesItsSenderWithoutLoss()
    {
        var options = Network.Options;
        var reader = new SlowReader();
        var producer = new Producer(1 << 20);
        Network.AddHost("server", startup: h => h.ListenTcp(80, Factory.ForProtocol(() => { reader.Host = h; return reader; })));
        Network.AddHost("client", startup: h => h.ConnectTcp("server", 80, ClientFactory.ForProtocol(() => producer)));

        await reader.WhenClosed;

        reader.Received.ToArray().Should().Equal(producer.Produced.ToArray());
        reader.Received.Length.Should().Be(1 << 20);
        reader.Reason.Should().BeOfType<ConnectionDoneException>();
        producer.Pauses.Should().BeGreaterThan(10);
        producer.MaxUnsent.Should().BeLessThanOrEqualTo(options.HighWaterMark + Producer.Chunk);
        Network.Now.Should().BeGreaterThan(TimeSpan.FromSeconds(2.5), "the reader pauses 40 ms after each read, and a read takes at most a window of 16 KiB");
    }

    [ReactorFact(Seed = 12)]
    public async Task AsyncStreams_SlowReaderThrottlesWriterWithoutLoss()
    {
        StreamProtocol? serverSide = null;
        var server = Network.AddHost("server", startup: h => h.ListenTcp(80, Factory.ForProtocol(() => serverSide = new StreamProtocol(pauseReadingThreshold: 8192, resumeReadingThreshold: 4096))));
        var clientSide = await Network.AddHost("client").ConnectAsync("server", 80);
        serverSide.Should().NotBeNull("the server builds its protocol before the client hears its connection is made");
        var data = new byte[256 * 1024];
        var random = new Trial.Randomness.SeededRandom(5);
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (byte)random.NextUInt64();
        }

        long maxAhead = 0;
        long written = 0;
        TimeSpan writerDone = default;

        async Task Write()
        {
            for (int offset = 0; offset < data.Length; offset += 4096)
            {
                await clientSide.Stream.WriteAsync(data.AsMemory(offset, 4096));
                await clientSide.Stream.FlushAsync();
                written = offset + 4096;
            }

            writerDone = Network.Now;
            await clientSide.Stream.DisposeAsync();
        }

        async Task<byte[]> Read()
        {
            var received = new MemoryStream();
            var buffer = new byte[1024];
            int n;
            while ((n = await serverSide!.Stream.ReadAsync(buffer)) > 0)
            {
                received.Write(buffer, 0, n);
                maxAhead = Math.Max(maxAhead, written - received.Length);
                await Task.Delay(TimeSpan.FromMilliseconds(10), server.TimeProvider);
            }

            return received.ToArray();
        }

        var reading = Read();
        await Task.WhenAll(Write(), reading);

        (await reading).Should().Equal(data);
        maxAhead.Should().BeLessThan(40 * 1024, "the writer waits on the reader's pipe, the receive window and the send buffer, 8 KiB each");
        writerDone.Should().BeGreaterThan(TimeSpan.FromSeconds(2), "the reader takes 1 KiB per 10 ms");
    }


    private sealed class Counter(Action onPing) : Protocol
    {
        public override void DataReceived(ReadOnlySpan<byte> data) => onPing();
    }

    private sealed class Pinger(IReactorTime time) : Protocol
    {
        private IDelayedCall? _next;

        public override void ConnectionMade()
        {
            ((ReconnectingClientFactory)Factory!).ResetDelay();
            Ping();
        }

        public override void ConnectionLost(Exception reason)
        {
            base.ConnectionLost(reason);
            if (_next is { Active: true })
            {
                _next.Cancel();
            }
        }

        private void Ping()
        {
            Transport!.Write("ping\n"u8);
            _next = time.CallLater(TimeSpan.FromSeconds(1), Ping);
        }
    }

    private sealed class SlowReader : Protocol
    {
        private readonly TaskCompletionSource _closed = new();

        public SimulatedHost Host { get; set; } = null!;

        public MemoryStream Received { get; } = new();

        public Exception? Reason { get; private set; }

        public Task WhenClosed => _closed.Task;

        public override void DataReceived(ReadOnlySpan<byte> data)
        {
            Received.Write(data);
            if (Received.Length % 4096 < data.Length)
            {
                Transport!.PauseProducing();
                Host.CallLater(TimeSpan.FromMilliseconds(40), Transport.ResumeProducing);
            }
        }

        public override void ConnectionLost(Exception reason)
        {
            Reason = reason;
            _closed.TrySetResult();
        }
    }

    private sealed class Producer(int total) : Protocol, IPushProducer
    {
        public const int Chunk = 4096;
        private bool _paused;

        public MemoryStream Produced { get; } = new();

        public int Pauses { get; private set; }

        public long MaxUnsent { get; private set; }

        public override void ConnectionMade()
        {
            Transport!.RegisterProducer(this, streaming: true);
            ResumeProducing();
        }

        public void PauseProducing()
        {
            _paused = true;
            Pauses++;
        }

        public void ResumeProducing()
        {
            _paused = false;
            var chunk = new byte[Chunk];
            while (!_paused && Produced.Length < total)
            {
                for (int i = 0; i < Chunk; i++)
                {
                    chunk[i] = (byte)((Produced.Length + i) * 7 + ((Produced.Length + i) >> 8));
                }

                Produced.Write(chunk);
                Transport!.Write(chunk);
                MaxUnsent = Math.Max(MaxUnsent, ((StreamEnd)Transport).Out.Unsent);
            }

            if (Produced.Length >= total)
            {
                Transport!.UnregisterProducer();
                Transport.LoseConnection();
            }
        }

        public void StopProducing() => _paused = true;
    }
}
