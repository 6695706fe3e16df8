using System.Text;
using Trial.Errors;
using Trial.Fakes.Memory;
using Trial.Fakes.Simulation;
using Trial.Protocols;
using Trial.Reactors;
using Trial.Tests.Support;
using Trial.Transports;

namespace Trial.Tests.Fakes.Simulation;

/// <summary>
/// Streams on the simulated network. Tests of the default network are reactor tests (the runner gives them their
/// network and checks it is left clean); tests that need other network options build their own.
/// </summary>
public sealed class SimulatedStreamTests : TestCase
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    [ReactorFact(Seed = 1)]
    public async Task Connect_DeliversBytesBothWaysAfterTheLinkLatency()
    {
        var (client, server, port) = await ConnectedAsync();
        Clock.Now.Should().Be(TimeSpan.FromMilliseconds(2), "one round trip of 1 ms links");
        server.Made.Should().BeTrue();

        client.Transport!.Write("hello"u8);
        server.Transport!.Write("world"u8);
        await Task.Delay(TimeSpan.FromMilliseconds(10), Reactor.TimeProvider);

        Encoding.ASCII.GetString(server.Data).Should().Be("hello");
        Encoding.ASCII.GetString(client.Data).Should().Be("world");
        Network.Trace.Events.Where(e => e.Kind == TraceEventKind.BytesDelivered).Should().HaveCount(2)
            .And.OnlyContain(e => e.Time == TimeSpan.FromMilliseconds(3), "bytes take one 1 ms link");
        client.Transport.RemoteAddress.Should().Be(server.Transport.LocalAddress);
        Network.Trace.Events.Select(e => e.Kind).Should().ContainInOrder(
            TraceEventKind.Listen, TraceEventKind.ConnectStarted, TraceEventKind.Accepted, TraceEventKind.Connected,
            TraceEventKind.BytesSent, TraceEventKind.BytesDelivered);
        await CloseAsync(client, server, port);
    }

    [ReactorFact(Seed = 1)]
    public async Task Connect_ByAddress_ReachesTheSameHost()
    {
        var server = new AccumulatingProtocol();
        var client = new AccumulatingProtocol();
        var port = Network.AddHost("server", "192.168.1.10").ListenTcp(80, Factory.ForProtocol(() => server));

        Reactor.ConnectTcp("192.168.1.10", 80, ClientFactory.ForProtocol(() => client));
        await server.WhenMade;

        server.Transport!.LocalAddress.Should().Be(new TcpAddress("192.168.1.10", 80));
        await client.WhenMade;
        await CloseAsync(client, server, port);
    }

    [ReactorFact(Seed = 1)]
    public async Task Connect_ToAPortWithNoListener_IsRefused()
    {
        var factory = new RecordingClientFactory();
        Network.AddHost("server");

        Reactor.ConnectTcp("server", 81, factory);

        (await factory.Failed.Task).Should().BeOfType<ConnectionRefusedException>();
        Clock.Now.Should().Be(TimeSpan.FromMilliseconds(2));
    }

    [ReactorFact(Seed = 1)]
    public async Task Connect_AcrossAPartition_TimesOutAfterTheConnectTimeout()
    {
        var factory = new RecordingClientFactory();
        var port = Network.AddHost("server").ListenTcp(80, Factory.ForProtocol<Protocol>());
        Network.Partition(["server"], ["test"]);

        Reactor.ConnectTcp("server", 80, factory, TimeSpan.FromSeconds(10));

        (await factory.Failed.Task).Should().BeOfType<ConnectAttemptTimedOutException>();
        Clock.Now.Should().Be(TimeSpan.FromSeconds(10));
        Network.Trace.Events.Count(e => e.Kind == TraceEventKind.ConnectStarted).Should().Be(4, "sent at 0, 1, 3 and 7 s");
        await port.StopListening();
    }

    [ReactorFact(Seed = 1)]
    public async Task Connect_ThatHealsBeforeTheTimeout_SucceedsOnARetransmission()
    {
        var server = new AccumulatingProtocol();
        var client = new AccumulatingProtocol();
        var port = Network.AddHost("server").ListenTcp(80, Factory.ForProtocol(() => server));
        Network.Isolate("server");
        Network.At(TimeSpan.FromSeconds(2), n => n.Heal());

        Reactor.ConnectTcp("server", 80, ClientFactory.ForProtocol(() => client));
        await client.WhenMade;

        Clock.Now.Should().Be(TimeSpan.FromSeconds(3) + TimeSpan.FromMilliseconds(2));
        await CloseAsync(client, server, port);
    }

    [Fact]
    public void LoseConnection_DeliversEverythingThenBothEndsSeeACleanClose()
    {
        var net = new SimulatedNetwork(1, new NetworkOptions { DefaultLink = new LinkOptions { MinSegmentSize = 1, MaxSegmentSize = 7 } });
        var (client, server) = Connected(net);
        var data = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();

        client.Transport!.Write(data);
        client.Transport.LoseConnection();
        client.Transport.Write("dropped"u8);
        net.RunUntilIdle(Limit);

        server.Data.Should().Equal(data);
        server.ClosedReason.Should().BeOfType<ConnectionDoneException>();
        client.ClosedReason.Should().BeOfType<ConnectionDoneException>();
        server.DataReceivedCalls.Should().BeGreaterThan(5000 / 7);
    }

    [Fact]
    public void AbortConnection_DropsWhatIsUnsentAndThePeerSeesAReset()
    {
        var net = new SimulatedNetwork(1, new NetworkOptions { DefaultLink = new LinkOptions { BandwidthBytesPerSecond = 1000 } });
        var (client, server) = Connected(net);

        client.Transport!.Write(new byte[100_000]);
        net.RunFor(TimeSpan.FromSeconds(1));
        client.Transport.AbortConnection();
        net.RunUntilIdle(Limit);

        client.ClosedReason.Should().BeOfType<ConnectionAbortedException>();
        server.ClosedReason.Should().BeOfType<ConnectionResetException>();
        server.Data.Length.Should().BeLessThan(100_000);
    }

    [Fact]
    public void Bandwidth_SerializesSegments()
    {
        var net = new SimulatedNetwork(1, new NetworkOptions { DefaultLink = new LinkOptions { BandwidthBytesPerSecond = 10_000, Latency = TimeSpan.Zero } });
        var (client, server) = Connected(net);
        var start = net.Now;

        client.Transport!.Write(new byte[50_000]);
        net.RunUntil(() => server.Data.Length == 50_000, Limit);

        (net.Now - start).Should().Be(TimeSpan.FromSeconds(5));
    }

    [ReactorFact(Seed = 1)]
    public async Task Partition_HoldsStreamDataUntilTheHeal()
    {
        var (client, server, port) = await ConnectedAsync();

        Network.Partition(["test"], ["server"]);
        client.Transport!.Write("waiting"u8);
        await Task.Delay(TimeSpan.FromSeconds(20), Reactor.TimeProvider);
        server.Data.Should().BeEmpty();
        Network.Heal();
        await Task.Delay(TimeSpan.FromSeconds(1), Reactor.TimeProvider);

        Encoding.ASCII.GetString(server.Data).Should().Be("waiting");
        client.Closed.Should().BeFalse();
        await CloseAsync(client, server, port);
    }

    [Fact]
    public void Partition_BreaksAConnectionWithUnsentDataAfterTheUserTimeoutButNotAnIdleOne()
    {
        var net = new SimulatedNetwork(1, new NetworkOptions { UserTimeout = TimeSpan.FromSeconds(30) });
        var (busy, busyPeer) = Connected(net);
        var idle = new AccumulatingProtocol();
        net["client"].ConnectTcp("server", 80, ClientFactory.ForProtocol(() => idle));
        net.RunUntil(() => idle.Made, Limit);

        net.Isolate("server");
        busy.Transport!.Write("stuck"u8);
        net.RunFor(TimeSpan.FromSeconds(29));
        busy.Closed.Should().BeFalse();
        net.RunFor(TimeSpan.FromSeconds(2));

        busy.ClosedReason.Should().BeOfType<ConnectionTimedOutException>();
        idle.Closed.Should().BeFalse();
        busyPeer.Closed.Should().BeFalse("the reset could not cross the partition");
        net.FaultCoverage.Total.Should().Be(1);
    }

    [ReactorFact(Seed = 1)]
    public async Task ProcessCrash_ResetsThePeersConnectionsAndRefusesNewOnes()
    {
        var (client, _, _) = await ConnectedAsync();
        var factory = new RecordingClientFactory();

        Network["server"].Crash(CrashKind.Process);
        (await client.WhenClosed).Should().BeOfType<ConnectionResetException>();
        Reactor.ConnectTcp("server", 80, factory);

        (await factory.Failed.Task).Should().BeOfType<ConnectionRefusedException>();
    }

    [ReactorFact(Seed = 1)]
    public async Task MachineCrash_IsSilenceUntilThePeerSendsAndTimesOut()
    {
        var (client, _, _) = await ConnectedAsync();

        Network["server"].Crash(CrashKind.Machine);
        await Task.Delay(TimeSpan.FromMinutes(5), Reactor.TimeProvider);
        client.Closed.Should().BeFalse("an idle peer of a dead machine hears nothing");
        client.Transport!.Write("anyone?"u8);

        (await client.WhenClosed).Should().BeOfType<ConnectionTimedOutException>();
    }

    [Fact]
    public void Crash_KillsTheHostsTimersAndRestart_RunsItsStartupAgain()
    {
        var net = new SimulatedNetwork(1);
        int starts = 0;
        int ticks = 0;
        var host = net.AddHost("a", startup: h =>
        {
            starts++;
            h.CallLater(TimeSpan.FromSeconds(1), () => ticks++);
        });
        net.RunFor(TimeSpan.Zero);

        host.Crash();
        net.RunUntilIdle(Limit);
        ticks.Should().Be(0);
        host.Restart();
        net.RunUntilIdle(Limit);

        starts.Should().Be(2);
        ticks.Should().Be(1);
        host.Restarts.Should().Be(1);
    }

    [ReactorFact(Seed = 1)]
    public async Task ResetConnectionAfter_ResetsBothEndsOnceThatManyBytesLeft()
    {
        var (client, server, port) = await ConnectedAsync();

        Network.ResetConnectionAfter(client.Transport!, 10);
        client.Transport!.Write(new byte[100]);

        (await client.WhenClosed).Should().BeOfType<ConnectionResetException>();
        (await server.WhenClosed).Should().BeOfType<ConnectionResetException>();
        server.Data.Length.Should().BeLessThanOrEqualTo(10);
        Network.FaultCoverage[FaultKind.ResetConnection].Should().Be(1);
        await port.StopListening();
    }

    [Fact]
    public void HalfClose_LetsThePeerAnswerAfterReadingTheEnd()
    {
        var net = new SimulatedNetwork(1);
        var server = new HalfCloseEcho();
        var client = new HalfCloseCollector();
        net.AddHost("server", startup: h => h.ListenTcp(80, Factory.ForProtocol(() => server)));
        net.AddHost("client", startup: h => h.ConnectTcp("server", 80, ClientFactory.ForProtocol(() => client)));
        net.RunUntil(() => client.Connected, Limit);

        client.Transport!.Write("question"u8);
        client.Transport.LoseWriteConnection();
        net.RunUntilIdle(Limit);

        client.WriteClosed.Should().BeTrue();
        Encoding.ASCII.GetString(client.Received.ToArray()).Should().Be("answer to question");
        client.Reason.Should().BeOfType<ConnectionDoneException>();
    }

    [ReactorFact(Seed = 1)]
    public async Task ProtocolException_AbortsThatConnectionAndIsRecorded()
    {
        var client = new AccumulatingProtocol();
        var port = Network.AddHost("server").ListenTcp(80, Factory.ForProtocol(() => new ThrowingProtocol()));
        Reactor.ConnectTcp("server", 80, ClientFactory.ForProtocol(() => client));
        await client.WhenMade;

        client.Transport!.Write("boom"u8);

        (await client.WhenClosed).Should().BeOfType<ConnectionResetException>();
        Network.Errors.Should().ContainSingle().Which.Message.Should().Be("boom");
        FlushLoggedErrors<InvalidOperationException>().Should().ContainSingle("the runner logs a protocol's exception as an error of the test");
        await port.StopListening();
    }

    /// <summary>Listens on host "server" and connects the test's host to it.</summary>
    private async Task<(AccumulatingProtocol Client, AccumulatingProtocol Server, IListeningPort Port)> ConnectedAsync()
    {
        var server = new AccumulatingProtocol();
        var client = new AccumulatingProtocol();
        var port = Network.AddHost("server").ListenTcp(80, Factory.ForProtocol(() => server));
        Reactor.ConnectTcp("server", 80, ClientFactory.ForProtocol(() => client));
        await client.WhenMade;
        return (client, server, port);
    }

    /// <summary>Closes the connection cleanly and stops listening, so the test leaves its reactor clean.</summary>
    private static async Task CloseAsync(AccumulatingProtocol client, AccumulatingProtocol server, IListeningPort port)
    {
        client.Transport!.LoseConnection();
        await port.StopListening();
        (await server.WhenClosed).Should().BeOfType<ConnectionDoneException>();
        (await client.WhenClosed).Should().BeOfType<ConnectionDoneException>();
    }

    internal static (AccumulatingProtocol Client, AccumulatingProtocol Server) Connected(SimulatedNetwork net, Protocol? server = null)
    {
        var serverProtocol = new AccumulatingProtocol();
        var client = new AccumulatingProtocol();
        int accepted = 0;
        net.AddHost("server", startup: h => h.ListenTcp(80, Factory.ForProtocol(() => server ?? (accepted++ == 0 ? serverProtocol : new AccumulatingProtocol()))));
        net.AddHost("client", startup: h => h.ConnectTcp("server", 80, ClientFactory.ForProtocol(() => client)));
        net.RunUntil(() => client.Made, Limit);
        return (client, serverProtocol);
    }

    private sealed class ThrowingProtocol : Protocol
    {
        public override void DataReceived(ReadOnlySpan<byte> data) => throw new InvalidOperationException("boom");
    }

    private sealed class HalfCloseEcho : Protocol, IHalfCloseableProtocol
    {
        private readonly List<byte> _question = [];

        public override void DataReceived(ReadOnlySpan<byte> data) => _question.AddRange(data.ToArray());

        public void ReadConnectionLost()
        {
            Transport!.Write("answer to "u8);
            Transport.Write(_question.ToArray());
            Transport.LoseConnection();
        }

        public void WriteConnectionLost()
        {
        }
    }

    private sealed class HalfCloseCollector : Protocol, IHalfCloseableProtocol
    {
        public List<byte> Received { get; } = [];

        public bool WriteClosed { get; private set; }

        public Exception? Reason { get; private set; }

        public override void DataReceived(ReadOnlySpan<byte> data) => Received.AddRange(data.ToArray());

        public override void ConnectionLost(Exception reason) => Reason = reason;

        public void ReadConnectionLost()
        {
        }

        public void WriteConnectionLost() => WriteClosed = true;
    }
}
