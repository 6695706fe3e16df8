using System.Runtime.CompilerServices;
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
/// Streams on the simulated network, as reactor tests: the runner gives each its network (with the options
/// <see cref="CreateNetworkOptions"/> picks for it) and checks it is left clean.
/// </summary>
public sealed class SimulatedStreamTests : TestCase
{
    protected override NetworkOptions CreateNetworkOptions(string testMethod) => testMethod switch
    {
        nameof(LoseConnection_DeliversEverythingThenBothEndsSeeACleanClose) => new() { DefaultLink = new LinkOptions { MinSegmentSize = 1, MaxSegmentSize = 7 } },
        nameof(AbortConnection_DropsWhatIsUnsentAndThePeerSeesAReset) => new() { DefaultLink = new LinkOptions { BandwidthBytesPerSecond = 1000 } },
        nameof(Bandwidth_SerializesSegments) => new() { DefaultLink = new LinkOptions { BandwidthBytesPerSecond = 10_000, Latency = TimeSpan.Zero } },
        nameof(Partition_BreaksAConnectionWithUnsentDataAfterTheUserTimeoutButNotAnIdleOne) => new() { UserTimeout = TimeSpan.FromSeconds(30) },
        _ => new(),
    };

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

    [ReactorFact(Seed = 1)]
    public async Task LoseConnection_DeliversEverythingThenBothEndsSeeACleanClose()
    {
        var (client, server, port) = await ConnectedAsync();
        var data = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();

        client.Transport!.Write(data);
        client.Transport.LoseConnection();
        client.Transport.Write("dropped"u8);
        (await server.WhenClosed).Should().BeOfType<ConnectionDoneException>();
        (await client.WhenClosed).Should().BeOfType<ConnectionDoneException>();
        await port.StopListening();

        server.Data.Should().Equal(data);
        server.DataReceivedCalls.Should().BeGreaterThan(5000 / 7);
    }

    [ReactorFact(Seed = 1)]
    public async Task AbortConnection_DropsWhatIsUnsentAndThePeerSeesAReset()
    {
        var (client, server, port) = await ConnectedAsync();

        client.Transport!.Write(new byte[100_000]);
        await Task.Delay(TimeSpan.FromSeconds(1), Reactor.TimeProvider);
        client.Transport.AbortConnection();

        (await client.WhenClosed).Should().BeOfType<ConnectionAbortedException>();
        (await server.WhenClosed).Should().BeOfType<ConnectionResetException>();
        server.Data.Length.Should().BeLessThan(100_000);
        await port.StopListening();
    }

    [ReactorFact(Seed = 1)]
    public async Task Bandwidth_SerializesSegments()
    {
        var server = new ExpectingProtocol(50_000);
        var (client, _, port) = await ConnectedAsync(server);
        var start = Clock.Now;

        client.Transport!.Write(new byte[50_000]);
        await server.WhenAllReceived;

        (Clock.Now - start).Should().Be(TimeSpan.FromSeconds(5));
        await CloseAsync(client, server, port);
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

    [ReactorFact(Seed = 1)]
    public async Task Partition_BreaksAConnectionWithUnsentDataAfterTheUserTimeoutButNotAnIdleOne()
    {
        var (busy, busyPeer, port) = await ConnectedAsync();
        var idle = new AccumulatingProtocol();
        var idlePeer = new AccumulatingProtocol();
        var idlePort = Network["server"].ListenTcp(81, Factory.ForProtocol(() => idlePeer));
        Reactor.ConnectTcp("server", 81, ClientFactory.ForProtocol(() => idle));
        await idle.WhenMade;

        Network.Isolate("server");
        busy.Transport!.Write("stuck"u8);
        await Task.Delay(TimeSpan.FromSeconds(29), Reactor.TimeProvider);
        busy.Closed.Should().BeFalse();
        await Task.Delay(TimeSpan.FromSeconds(2), Reactor.TimeProvider);

        busy.ClosedReason.Should().BeOfType<ConnectionTimedOutException>();
        idle.Closed.Should().BeFalse();
        busyPeer.Closed.Should().BeFalse("the reset could not cross the partition");
        Network.FaultCoverage.Total.Should().Be(1);

        // The server never heard of the break, so it ends that connection itself.
        Network.Heal();
        busyPeer.Transport!.AbortConnection();
        await port.StopListening();
        await CloseAsync(idle, idlePeer, idlePort);
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

    [ReactorFact(Seed = 1)]
    public async Task Crash_KillsTheHostsTimersAndRestart_RunsItsStartupAgain()
    {
        int starts = 0;
        int ticks = 0;
        var host = Network.AddHost("a", startup: h =>
        {
            starts++;
            h.CallLater(TimeSpan.FromSeconds(1), () => ticks++);
        });
        await Reactor.DeferLater(TimeSpan.Zero);
        starts.Should().Be(1, "the start-up runs when the network next runs");

        host.Crash();
        await Task.Delay(TimeSpan.FromSeconds(2), Reactor.TimeProvider);
        ticks.Should().Be(0);
        host.Restart();
        await Task.Delay(TimeSpan.FromSeconds(2), Reactor.TimeProvider);

        starts.Should().Be(2);
        ticks.Should().Be(1);
        host.Restarts.Should().Be(1);
    }

    [ReactorFact(Seed = 1)]
    public async Task HostTimers_ThatFiredAndWereNeverDisposed_AreNotKeptByTheHost()
    {
        var host = Network.AddHost("a");
        var time = (HostTimeProvider)host.TimeProvider;

        int fired = 0;
        for (int i = 0; i < 10_000; i++)
        {
            // A fire-and-forget one-shot timer, never disposed: harmless on TimeProvider.System.
            host.TimeProvider.CreateTimer(_ => fired++, null, TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
            await Task.Delay(TimeSpan.FromMilliseconds(2), host.TimeProvider);
        }

        fired.Should().Be(10_000);
        time.TrackedTimers.Should().BeLessThan(200, "a one-shot timer that fired can only fire again after a Change, which tracks it again");
    }

    [ReactorFact(Seed = 1)]
    public async Task HostTimer_RearmedAfterItFiredAndWasForgotten_StillDiesInACrash()
    {
        var host = Network.AddHost("a");
        int fired = 0;
        using var timer = host.TimeProvider.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        await Task.Delay(TimeSpan.FromSeconds(2), host.TimeProvider);
        for (int i = 0; i < 1_000; i++)
        {
            // Enough fired timers that the host forgets the idle ones, the first among them.
            host.TimeProvider.CreateTimer(_ => { }, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            await Task.Delay(TimeSpan.FromMilliseconds(1), host.TimeProvider);
        }

        timer.Change(TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan).Should().BeTrue();
        host.Crash();
        await Task.Delay(TimeSpan.FromSeconds(20), Reactor.TimeProvider);

        fired.Should().Be(1, "a crash stops every timer the host armed, however it was armed");
    }

    [ReactorFact(Seed = 1)]
    public async Task ForgottenPeriodicHostTimer_IsCollectedAndStops_AsOnTheClock()
    {
        var host = Network.AddHost("a");
        var fired = new StrongBox<int>();
        var weak = CreateForgottenPeriodicTimer(host.TimeProvider, fired);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        await Task.Delay(TimeSpan.FromSeconds(10), Reactor.TimeProvider);

        weak.TryGetTarget(out _).Should().BeFalse("the host must not keep a timer its owner forgot");
        fired.Value.Should().Be(0, "a forgotten periodic timer stops once it is collected, as on the clock");
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

    [ReactorFact(Seed = 1)]
    public async Task HalfClose_LetsThePeerAnswerAfterReadingTheEnd()
    {
        var server = new HalfCloseEcho();
        var client = new HalfCloseCollector();
        var port = Network.AddHost("server").ListenTcp(80, Factory.ForProtocol(() => server));
        Reactor.ConnectTcp("server", 80, ClientFactory.ForProtocol(() => client));
        await client.WhenMade;

        client.Transport!.Write("question"u8);
        client.Transport.LoseWriteConnection();
        var reason = await client.WhenClosed;
        await port.StopListening();

        client.WriteClosed.Should().BeTrue();
        Encoding.ASCII.GetString(client.Data).Should().Be("answer to question");
        reason.Should().BeOfType<ConnectionDoneException>();
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

    /// <summary>Listens on host "server" with <paramref name="server"/> (or a new protocol) and connects the test's host to it.</summary>
    private async Task<(AccumulatingProtocol Client, AccumulatingProtocol Server, IListeningPort Port)> ConnectedAsync(AccumulatingProtocol? server = null)
    {
        server ??= new AccumulatingProtocol();
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

    /// <summary>Tells when a given number of bytes has arrived.</summary>
    private sealed class ExpectingProtocol(int bytes) : AccumulatingProtocol
    {
        private readonly TaskCompletionSource _all = new();
        private int _received;

        public Task WhenAllReceived => _all.Task;

        public override void DataReceived(ReadOnlySpan<byte> data)
        {
            base.DataReceived(data);
            _received += data.Length;
            if (_received >= bytes)
            {
                _all.TrySetResult();
            }
        }
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

    private sealed class HalfCloseCollector : AccumulatingProtocol, IHalfCloseableProtocol
    {
        public bool WriteClosed { get; private set; }

        public void ReadConnectionLost()
        {
        }

        public void WriteConnectionLost() => WriteClosed = true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<ITimer> CreateForgottenPeriodicTimer(TimeProvider time, StrongBox<int> fired) =>
        new(time.CreateTimer(_ => fired.Value++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
}
