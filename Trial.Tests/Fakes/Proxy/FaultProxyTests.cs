using System.Text;
using Trial.Addresses;
using Trial.Errors;
using Trial.Fakes.Proxy;
using Trial.Protocols;
using Trial.Tests.Support;

namespace Trial.Tests.Fakes.Proxy;

/// <summary>Each toxic observed from a client through the proxy on virtual time, where every delay is exact.</summary>
public sealed class FaultProxyTests
{
    private const int ServerPort = 80;
    private const int ProxyPort = 8080;
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);
    private readonly VirtualWire _wire = new();

    [Fact]
    public void WithoutToxics_RelaysBothWaysAtOnce()
    {
        var proxy = Start(Factory.ForProtocol<EchoProtocol>());
        var client = Connect();

        client.Transport!.Write("through the proxy"u8);
        _wire.RunUntil(() => client.Count == 17);

        Encoding.ASCII.GetString(client.Received).Should().Be("through the proxy");
        client.TimeOfByte(17).Should().Be(TimeSpan.Zero);
        proxy.ConnectionCount.Should().Be(1);
    }

    [Fact]
    public void Latency_DelaysEachChunkByExactlyTheLatency()
    {
        var proxy = Start(Factory.ForProtocol<EchoProtocol>());
        var client = Connect();
        proxy.AddToxic(new LatencyToxic { Latency = 200 * Ms });

        client.Transport!.Write("ping"u8);
        _wire.RunUntil(() => client.Count == 4);
        _wire.RunUntilTime(TimeSpan.FromSeconds(1));
        client.Transport!.Write("pong"u8);
        _wire.RunUntil(() => client.Count == 8);

        client.Reads.Select(r => r.At).Should().Equal(200 * Ms, TimeSpan.FromSeconds(1) + 200 * Ms);
    }

    [Fact]
    public void Latency_WithJitter_StaysWithinTheJitterAndKeepsOrder()
    {
        var proxy = Start(Factory.ForProtocol<EchoProtocol>());
        var client = Connect();
        proxy.AddToxic(new LatencyToxic { Latency = 100 * Ms, Jitter = 50 * Ms });

        for (int i = 0; i < 20; i++)
        {
            _wire.RunUntilTime(i * 10 * Ms);
            client.Transport!.Write([(byte)i]);
        }

        _wire.RunUntil(() => client.Count == 20);

        client.Received.Should().Equal(Enumerable.Range(0, 20).Select(i => (byte)i));
        var times = client.Reads.Select(r => r.At).ToList();
        times.Should().BeInAscendingOrder();
        times.Select((t, i) => t - i * 10 * Ms).Should().OnlyContain(d => d >= 50 * Ms && d <= 150 * Ms + times.Count * 10 * Ms);
        times.Distinct().Count().Should().BeGreaterThan(1, "jitter spreads the arrivals");
    }

    [Fact]
    public void Latency_DoesNotDelayACloseThatFollowsIdleTime()
    {
        var proxy = Start(Factory.ForProtocol(() => new Sender(0, closeAfter: TimeSpan.FromSeconds(1)) { Reactor = _wire.Reactor }));
        var client = Connect();
        proxy.AddToxic(new LatencyToxic { Latency = 200 * Ms });

        client.Transport!.Write("go"u8);
        _wire.RunUntil(() => client.Lost is not null);

        client.Lost!.Value.At.Should().Be(TimeSpan.FromSeconds(1), "as in toxiproxy, a close is not a chunk and is not delayed");
        client.Lost.Value.Reason.Should().BeOfType<ConnectionDoneException>();
    }

    [Fact]
    public void Bandwidth_DeliversAtExactlyTheRate()
    {
        const int total = 300_000;
        var proxy = Start(Factory.ForProtocol(() => new Sender(total)));
        var client = Connect();
        proxy.AddToxic(new BandwidthToxic { KilobytesPerSecond = 150 });

        client.Transport!.Write("go"u8);
        _wire.RunUntilTime(TimeSpan.FromSeconds(1));
        int afterOneSecond = client.Count;
        _wire.RunUntil(() => client.Count == total);

        afterOneSecond.Should().Be(150_000);
        client.TimeOfByte(total).Should().Be(TimeSpan.FromSeconds(2));
        client.Reads.Should().OnlyContain(r => r.Data.Length == 15_000, "a big chunk leaves in pieces of 100 ms of the rate, as in toxiproxy");
        client.Received.Should().Equal(Sender.Payload(total));
    }

    [Fact]
    public void Bandwidth_OfZero_DoesNotLimit()
    {
        var proxy = Start(Factory.ForProtocol(() => new Sender(100_000)));
        var client = Connect();
        proxy.AddToxic(new BandwidthToxic { KilobytesPerSecond = 0 });

        client.Transport!.Write("go"u8);
        _wire.RunUntil(() => client.Count == 100_000);

        _wire.Now.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Slicer_CutsAsToxiproxyDoesAndSpacesTheSlices()
    {
        var proxy = Start(Factory.ForProtocol(() => new Sender(100)));
        var client = Connect();
        proxy.AddToxic(new SlicerToxic { AverageSize = 10, SizeVariation = 2, Delay = 15 * Ms });

        client.Transport!.Write("go"u8);
        _wire.RunUntil(() => client.Count == 100);

        client.Received.Should().Equal(Sender.Payload(100));
        client.Reads.Should().HaveCountGreaterThanOrEqualTo(9).And.OnlyContain(r => r.Data.Length <= 12);
        client.Reads.Select(r => r.At).Should().Equal(Enumerable.Range(0, client.Reads.Count).Select(i => i * 15 * Ms));
    }

    [Fact]
    public void Slicer_Cut_MatchesToxiproxysHalving()
    {
        var ends = new List<int>();

        SlicerToxic.Cut(100, 10, 0, new Trial.Randomness.SeededRandom(1), ends);

        // Halved until a piece is at most AverageSize + SizeVariation long: 100, 50, 25, 12 (still 2 over), then 6 and 6 or 7.
        ends.Should().Equal(6, 12, 18, 25, 31, 37, 43, 50, 56, 62, 68, 75, 81, 87, 93, 100);
    }

    [Fact]
    public void LimitData_ClosesAfterThatManyBytes()
    {
        var proxy = Start(Factory.ForProtocol(() => new Sender(5000)));
        var client = Connect();
        proxy.AddToxic(new LimitDataToxic { Bytes = 1000 });

        client.Transport!.Write("go"u8);
        _wire.RunUntil(() => client.Lost is not null);

        client.Lost!.Value.Reason.Should().BeOfType<ConnectionDoneException>();
        client.Received.Should().Equal(Sender.Payload(5000).Take(1000));
        _wire.RunUntil(() => proxy.ConnectionCount == 0);
    }

    [Fact]
    public void LimitData_OfZeroBytes_ClosesOnTheFirstChunkAndPassesNothing()
    {
        var proxy = Start(Factory.ForProtocol(() => new Sender(5000)));
        var client = Connect();
        proxy.AddToxic(new LimitDataToxic());

        client.Transport!.Write("go"u8);
        _wire.RunUntil(() => client.Lost is not null);

        client.Lost!.Value.Reason.Should().BeOfType<ConnectionDoneException>();
        client.Count.Should().Be(0);
    }

    [Fact]
    public void ResetPeer_ResetsBothEndsThatLongAfterTheFirstChunk()
    {
        var server = new TimedRecorder(_wire.Reactor);
        var proxy = Start(Factory.ForProtocol(() => server));
        var client = Connect();
        proxy.AddToxic(new ResetPeerToxic { Direction = ToxicDirection.Upstream, Timeout = 100 * Ms });
        _wire.RunUntilTime(TimeSpan.FromSeconds(5));
        client.Lost.Should().BeNull("an idle connection is left alone");

        client.Transport!.Write("dropped"u8);
        _wire.RunUntil(() => client.Lost is not null && server.Lost is not null);

        client.Lost!.Value.Reason.Should().BeOfType<ConnectionResetException>();
        client.Lost.Value.At.Should().Be(TimeSpan.FromSeconds(5) + 100 * Ms);
        server.Lost!.Value.Reason.Should().BeOfType<ConnectionResetException>();
        server.Count.Should().Be(0, "as in toxiproxy, the chunk that starts the countdown is dropped");
    }

    [Fact]
    public void Timeout_DropsDataAndClosesAfterTheTimeout()
    {
        var server = new TimedRecorder(_wire.Reactor);
        var proxy = Start(Factory.ForProtocol(() => server));
        var client = Connect();
        proxy.AddToxic(new TimeoutToxic { Direction = ToxicDirection.Upstream, Timeout = 150 * Ms });

        client.Transport!.Write("lost"u8);
        _wire.RunUntil(() => client.Lost is not null && server.Lost is not null);

        client.Lost!.Value.Reason.Should().BeOfType<ConnectionDoneException>();
        client.Lost.Value.At.Should().Be(150 * Ms);
        server.Count.Should().Be(0);
    }

    [Fact]
    public void Timeout_OfZero_DropsDataUntilRemovedThenCloses()
    {
        var server = new TimedRecorder(_wire.Reactor);
        var proxy = Start(Factory.ForProtocol(() => server));
        var client = Connect();
        proxy.AddToxic(new TimeoutToxic { Direction = ToxicDirection.Upstream });

        client.Transport!.Write("held"u8);
        _wire.RunUntilTime(TimeSpan.FromHours(1));
        server.Count.Should().Be(0);
        client.Lost.Should().BeNull();
        proxy.RemoveToxic("timeout_upstream");
        _wire.RunUntil(() => client.Lost is not null && server.Lost is not null);

        server.Count.Should().Be(0, "toxiproxy drops what the timeout toxic took");
        client.Lost!.Value.Reason.Should().BeOfType<ConnectionDoneException>();
        client.Lost.Value.At.Should().Be(TimeSpan.FromHours(1));
    }

    [Fact]
    public void SlowClose_DelaysTheCloseButNotTheData()
    {
        var proxy = Start(Factory.ForProtocol(() => new Sender(10, closeAfter: TimeSpan.Zero)));
        var client = Connect();
        proxy.AddToxic(new SlowCloseToxic { Delay = 300 * Ms });

        client.Transport!.Write("go"u8);
        _wire.RunUntil(() => client.Lost is not null);

        client.TimeOfByte(10).Should().Be(TimeSpan.Zero);
        client.Lost!.Value.At.Should().Be(300 * Ms);
        client.Lost.Value.Reason.Should().BeOfType<ConnectionDoneException>();
    }

    [Fact]
    public void RemoveToxic_PassesOnWhatItHeldAtOnce()
    {
        var proxy = Start(Factory.ForProtocol<EchoProtocol>());
        var client = Connect();
        proxy.AddToxic(new LatencyToxic { Latency = TimeSpan.FromSeconds(10) });
        client.Transport!.Write("held"u8);
        _wire.RunUntilTime(TimeSpan.FromSeconds(1));
        client.Count.Should().Be(0);

        proxy.RemoveToxic("latency_downstream");
        _wire.RunUntil(() => client.Count == 4);

        client.TimeOfByte(4).Should().Be(TimeSpan.FromSeconds(1));
        proxy.Toxics.Should().BeEmpty();
    }

    [Fact]
    public void Toxicity_DrawsFromTheSeed_SoTheSameSeedPicksTheSameConnections()
    {
        static bool[] Delayed(ulong seed)
        {
            var test = new FaultProxyTests();
            var proxy = test.Start(Factory.ForProtocol<EchoProtocol>(), seed);
            proxy.AddToxic(new LatencyToxic { Latency = TimeSpan.FromSeconds(1), Toxicity = 0.5 });
            var clients = Enumerable.Range(0, 16).Select(_ => test.Connect()).ToList();
            foreach (var client in clients)
            {
                client.Transport!.Write("x"u8);
            }

            test._wire.RunUntil(() => clients.All(c => c.Count == 1));
            return clients.Select(c => c.TimeOfByte(1) > TimeSpan.Zero).ToArray();
        }

        var first = Delayed(7);

        Delayed(7).Should().Equal(first);
        first.Should().Contain(true).And.Contain(false);
    }

    [Fact]
    public void AddToxic_WithANameInUse_Throws()
    {
        var proxy = Start(Factory.ForProtocol<EchoProtocol>());
        proxy.AddToxic(new LatencyToxic());

        var act = () => proxy.AddToxic(new LatencyToxic());

        act.Should().Throw<ArgumentException>().WithMessage("*latency_downstream*");
        proxy.Toxics.Should().ContainSingle();
    }

    [Fact]
    public void AddToxic_WithASlicerVariationNotBelowItsAverage_Throws()
    {
        var proxy = Start(Factory.ForProtocol<EchoProtocol>());

        var act = () => proxy.AddToxic(new SlicerToxic { AverageSize = 4, SizeVariation = 4 });

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*SizeVariation*4*");
    }

    [Fact]
    public void Toxic_WithANegativeSetting_ThrowsWithTheValue()
    {
        var act = () => new LatencyToxic { Latency = -Ms };

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Latency*-00:00:00.001*");
    }

    [Fact]
    public void Stop_ResetsOpenConnectionsAndStopsListening()
    {
        var proxy = Start(Factory.ForProtocol<EchoProtocol>());
        var client = Connect();

        proxy.Stop();
        _wire.RunUntil(() => client.Lost is not null);

        client.Lost!.Value.Reason.Should().BeOfType<ConnectionResetException>();
        _wire.Reactor.TcpServers.Should().ContainSingle(s => s.Port == ServerPort);
    }

    private FaultProxy Start(IProtocolFactory upstream, ulong seed = 42)
    {
        _wire.Reactor.ListenTcp(ServerPort, upstream);
        return FaultProxy.Start(_wire.Reactor, new TcpAddress("server", ServerPort), new FaultProxyOptions { ListenPort = ProxyPort, Seed = seed });
    }

    private TimedRecorder Connect()
    {
        var client = new TimedRecorder(_wire.Reactor);
        _wire.Reactor.ConnectTcp("proxy", ProxyPort, ClientFactory.ForProtocol(() => client));
        _wire.RunUntil(() => client.Made);
        return client;
    }
}
