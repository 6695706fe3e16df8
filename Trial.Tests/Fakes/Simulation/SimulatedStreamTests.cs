using System.Text;
using Trial.Errors;
using Trial.Fakes.Memory;
using Trial.Fakes.Simulation;
using Trial.Protocols;
using Trial.Reactors;
using Trial.Tests.Support;
using Trial.Transports;

namespace Trial.Tests.Fakes.Simulation;

public sealed class SimulatedStreamTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    [Fact]
    public void Connect_DeliversBytesBothWaysAfterTheLinkLatency()
    {
        var net = new SimulatedNetwork(1);
        var server = new AccumulatingProtocol();
        var client = new AccumulatingProtocol();
        net.AddHost("server", startup: h => h.ListenTcp(80, Factory.ForProtocol(() => server)));
        net.AddHost("client", startup: h => h.ConnectTcp("server", 80, ClientFactory.ForProtocol(() => client)));

        net.RunUntil(() => client.Made, Limit);
        net.Now.Should().Be(TimeSpan.FromMilliseconds(2), "one round trip of 1 ms links");
        server.Made.Should().BeTrue();
        client.Transport!.Write("hello"u8);
        server.Transport!.Write("world"u8);
        net.RunUntilIdle(Limit);

        Encoding.ASCII.GetString(server.Data).Should().Be("hello");
        Encoding.ASCII.GetString(client.Data).Should().Be("world");
        net.Now.Should().Be(TimeSpan.FromMilliseconds(3));
        client.Transport.RemoteAddress.Should().Be(server.Transport.LocalAddress);
        net.Trace.Events.Select(e => e.Kind).Should().ContainInOrder(
            TraceEventKind.Listen, TraceEventKind.ConnectStarted, TraceEventKind.Accepted, TraceEventKind.Connected,
            TraceEventKind.BytesSent, TraceEventKind.BytesDelivered);
    }

    [Fact]
    public void Connect_ByAddress_ReachesTheSameHost()
    {
        var net = new SimulatedNetwork(1);
        var server = new AccumulatingProtocol();
        net.AddHost("server", "192.168.1.10", h => h.ListenTcp(80, Factory.ForProtocol(() => server)));
        net.AddHost("client", startup: h => h.ConnectTcp("192.168.1.10", 80, ClientFactory.ForProtocol<Protocol>()));

        net.RunUntilIdle(Limit);

        server.Made.Should().BeTrue();
    }

    [Fact]
    public void Connect_ToAPortWithNoListener_IsRefused()
    {
        var net = new SimulatedNetwork(1);
        var factory = new RecordingClientFactory();
        net.AddHost("server");
        net.AddHost("client", startup: h => h.ConnectTcp("server", 81, factory));

        net.RunUntilIdle(Limit);

        factory.Failures.Should().ContainSingle().Which.Should().BeOfType<ConnectionRefusedException>();
        net.Now.Should().Be(TimeSpan.FromMilliseconds(2));
    }

    [Fact]
    public void Connect_AcrossAPartition_TimesOutAfterTheConnectTimeout()
    {
        var net = new SimulatedNetwork(1);
        var factory = new RecordingClientFactory();
        net.AddHost("server", startup: h => h.ListenTcp(80, Factory.ForProtocol<Protocol>()));
        net.AddHost("client");
        net.RunFor(TimeSpan.Zero);
        net.Partition(["server"], ["client"]);
        net["client"].ConnectTcp("server", 80, factory, TimeSpan.FromSeconds(10));

        net.RunUntilIdle(Limit);

        factory.Failures.Should().ContainSingle().Which.Should().BeOfType<ConnectAttemptTimedOutException>();
        net.Now.Should().Be(TimeSpan.FromSeconds(10));
        net.Trace.Events.Count(e => e.Kind == TraceEventKind.ConnectStarted).Should().Be(4, "sent at 0, 1, 3 and 7 s");
    }

    [Fact]
    public void Connect_ThatHealsBeforeTheTimeout_SucceedsOnARetransmission()
    {
        var net = new SimulatedNetwork(1);
        var client = new AccumulatingProtocol();
        net.AddHost("server", startup: h => h.ListenTcp(80, Factory.ForProtocol<Protocol>()));
        net.AddHost("client");
        net.Isolate("server");
        net["client"].ConnectTcp("server", 80, ClientFactory.ForProtocol(() => client));
        net.At(TimeSpan.FromSeconds(2), n => n.Heal());

        net.RunUntil(() => client.Made, Limit);

        net.Now.Should().Be(TimeSpan.FromSeconds(3) + TimeSpan.FromMilliseconds(2));
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

    [Fact]
    public void Partition_HoldsStreamDataUntilTheHeal()
    {
        var net = new SimulatedNetwork(1);
        var (client, server) = Connected(net);

        net.Partition(["client"], ["server"]);
        client.Transport!.Write("waiting"u8);
        net.RunFor(TimeSpan.FromSeconds(20));
        server.Data.Should().BeEmpty();
        net.Heal();
        net.RunFor(TimeSpan.FromSeconds(1));

        Encoding.ASCII.GetString(server.Data).Should().Be("waiting");
        client.Closed.Should().BeFalse();
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

    [Fact]
    public void ProcessCrash_ResetsThePeersConnectionsAndRefusesNewOnes()
    {
        var net = new SimulatedNetwork(1);
        var (client, _) = Connected(net);
        var factory = new RecordingClientFactory();

        net["server"].Crash(CrashKind.Process);
        net.RunUntilIdle(Limit);
        client.ClosedReason.Should().BeOfType<ConnectionResetException>();
        net["client"].ConnectTcp("server", 80, factory);
        net.RunUntilIdle(Limit);

        factory.Failures.Should().ContainSingle().Which.Should().BeOfType<ConnectionRefusedException>();
    }

    [Fact]
    public void MachineCrash_IsSilenceUntilThePeerSendsAndTimesOut()
    {
        var net = new SimulatedNetwork(1);
        var (client, _) = Connected(net);

        net["server"].Crash(CrashKind.Machine);
        net.RunFor(TimeSpan.FromMinutes(5));
        client.Closed.Should().BeFalse("an idle peer of a dead machine hears nothing");
        client.Transport!.Write("anyone?"u8);
        net.RunUntilIdle(Limit);

        client.ClosedReason.Should().BeOfType<ConnectionTimedOutException>();
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

    [Fact]
    public void ResetConnectionAfter_ResetsBothEndsOnceThatManyBytesLeft()
    {
        var net = new SimulatedNetwork(1);
        var (client, server) = Connected(net);

        net.ResetConnectionAfter(client.Transport!, 10);
        client.Transport!.Write(new byte[100]);
        net.RunUntilIdle(Limit);

        server.Data.Length.Should().BeLessThanOrEqualTo(10);
        client.ClosedReason.Should().BeOfType<ConnectionResetException>();
        server.ClosedReason.Should().BeOfType<ConnectionResetException>();
        net.FaultCoverage[FaultKind.ResetConnection].Should().Be(1);
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

    [Fact]
    public void ProtocolException_AbortsThatConnectionAndIsRecorded()
    {
        var net = new SimulatedNetwork(1);
        var (client, _) = Connected(net, server: new ThrowingProtocol());

        client.Transport!.Write("boom"u8);
        net.RunUntilIdle(Limit);

        net.Errors.Should().ContainSingle().Which.Message.Should().Be("boom");
        client.ClosedReason.Should().BeOfType<ConnectionResetException>();
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
