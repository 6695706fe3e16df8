using System.Net.Security;
using Trial.Addresses;
using Trial.Errors;
using Trial.Fakes.Memory;
using Trial.Protocols;
using Trial.Reactors;
using Trial.Tests.Support;
using Trial.Transports;

namespace Trial.Tests.Fakes.Memory;

public sealed class MemoryReactorTests
{
    private readonly MemoryReactor _reactor = new();

    [Fact]
    public void RunStopAndCrashFlags_StartFalse()
    {
        _reactor.Running.Should().BeFalse();
        _reactor.HasRun.Should().BeFalse();
        _reactor.HasStopped.Should().BeFalse();
        _reactor.HasCrashed.Should().BeFalse();
    }

    [Fact]
    public void Run_RunsTheWaitingHooksInOrder_AndLeavesTheReactorRunning()
    {
        var ran = new List<int>();
        _reactor.CallWhenRunning(() => ran.Add(1));
        _reactor.CallWhenRunning(() => ran.Add(2));
        _reactor.WhenRunningHooks.Should().HaveCount(2);
        ran.Should().BeEmpty();

        _reactor.Run();

        ran.Should().Equal(1, 2);
        _reactor.Running.Should().BeTrue();
        _reactor.HasRun.Should().BeTrue();
        _reactor.WhenRunningHooks.Should().BeEmpty();
    }

    [Fact]
    public void CallWhenRunning_RunsAtOnce_WhenAlreadyRunning()
    {
        _reactor.Run();
        bool ran = false;

        _reactor.CallWhenRunning(() => ran = true);

        ran.Should().BeTrue();
        _reactor.WhenRunningHooks.Should().BeEmpty();
    }

    [Fact]
    public void Run_Throws_WhenAlreadyRunning()
    {
        _reactor.Run();

        _reactor.Invoking(r => r.Run()).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Stop_ClearsRunning_AndSetsHasStopped()
    {
        _reactor.Run();

        _reactor.Stop();

        _reactor.Running.Should().BeFalse();
        _reactor.HasStopped.Should().BeTrue();
        _reactor.HasCrashed.Should().BeFalse();
    }

    [Fact]
    public void Crash_ClearsRunning_AndSetsHasCrashed()
    {
        _reactor.Run();

        _reactor.Crash();

        _reactor.Running.Should().BeFalse();
        _reactor.HasCrashed.Should().BeTrue();
        _reactor.HasStopped.Should().BeFalse();
    }

    [Fact]
    public void ListenTcp_RecordsEveryArgument_AndReturnsAPortOnTheGivenPort()
    {
        var factory = new CountingFactory();

        var port = _reactor.ListenTcp(8242, factory, backlog: 7, host: "127.0.0.1");
        port.Port.Should().Be(8242);

        _reactor.TcpServers.Should().ContainSingle().Which.Should().Be(new TcpServerRecord(8242, factory, 7, "127.0.0.1", port));
        port.LocalAddress.Should().Be(new TcpAddress("127.0.0.1", 8242));
    }

    [Fact]
    public void ListenTcp_DefaultsToAllInterfaces()
    {
        var port = _reactor.ListenTcp(8242, new CountingFactory());

        port.LocalAddress.Should().Be(new TcpAddress("0.0.0.0", 8242));
        _reactor.TcpServers[0].Backlog.Should().Be(50);
        _reactor.TcpServers[0].Host.Should().BeEmpty();
    }

    [Fact]
    public void ListenTcp_StartsTheFactory_AndStoppingThePortStopsIt()
    {
        var factory = new CountingFactory();

        var port = _reactor.ListenTcp(80, factory);
        factory.Starts.Should().Be(1);

        port.StopListening().IsCompletedSuccessfully.Should().BeTrue();
        factory.Stops.Should().Be(1);
    }

    [Fact]
    public void AStoppedPort_LeavesTcpServers_AndStoppingAgainDoesNothing_TwistedIssue9087()
    {
        var factory = new CountingFactory();
        var first = _reactor.ListenTcp(80, factory);
        var second = _reactor.ListenTcp(81, factory);

        first.StopListening();
        first.StopListening();

        _reactor.TcpServers.Should().ContainSingle().Which.ListeningPort.Should().BeSameAs(second);
        factory.Stops.Should().Be(0, "the second port still uses the factory");
        factory.NumberOfPorts.Should().Be(1);
    }

    [Fact]
    public void ConnectTcp_RecordsEveryArgument_AndTellsTheFactoryItStarted()
    {
        var factory = new RecordingClientFactory();
        var bind = new TcpAddress("10.1.1.1", 0);

        var connector = _reactor.ConnectTcp("test.example.com", 8321, factory, TimeSpan.FromSeconds(5), bind);

        _reactor.TcpClients.Should().ContainSingle().Which.Should().Be(
            new TcpClientRecord("test.example.com", 8321, factory, TimeSpan.FromSeconds(5), bind, connector));
        _reactor.Connectors.Should().Equal(connector);
        factory.Started.Should().Equal(connector);
        connector.State.Should().Be(ConnectorState.Connecting);
    }

    [Fact]
    public void ConnectTcp_RecordsTheDefaultTimeout_WhenNoneIsGiven()
    {
        _reactor.ConnectTcp("h", 1, new RecordingClientFactory());

        _reactor.TcpClients[0].Timeout.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void ConnectTcp_RejectsANegativeTimeout_NamingIt()
    {
        var act = () => _reactor.ConnectTcp("h", 1, new RecordingClientFactory(), TimeSpan.FromSeconds(-1));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*-00:00:01*");
        _reactor.TcpClients.Should().BeEmpty();
    }

    [Fact]
    public void Connectors_HaveTheDestinationTheyWereGiven()
    {
        var tcp = _reactor.ConnectTcp("test.example.com", 8321, new RecordingClientFactory());
        var tls = _reactor.ConnectTls("test.example.com", 8321, new RecordingClientFactory(), new SslClientAuthenticationOptions());

        tcp.Destination.Should().Be(new TcpAddress("test.example.com", 8321));
        tls.Destination.Should().Be(new TcpAddress("test.example.com", 8321));
        _reactor.Connectors.Should().Equal(tcp, tls);
    }

    [Fact]
    public void StopConnecting_FailsTheAttemptAsCancelled()
    {
        var factory = new RecordingClientFactory();
        var connector = _reactor.ConnectTcp("h", 1, factory);

        connector.StopConnecting();

        connector.State.Should().Be(ConnectorState.Disconnected);
        factory.Failures.Should().ContainSingle().Which.Should().BeOfType<UserCancelledConnectException>();
    }

    [Fact]
    public void StopConnecting_Throws_WhenNoAttemptIsInProgress()
    {
        var connector = _reactor.ConnectTcp("h", 1, new RecordingClientFactory());
        connector.StopConnecting();

        connector.Invoking(c => c.StopConnecting()).Should().Throw<InvalidOperationException>().WithMessage("*Disconnected*");
    }

    [Fact]
    public void Disconnect_StopsAnAttemptInProgress()
    {
        var factory = new RecordingClientFactory();
        var connector = _reactor.ConnectTcp("h", 1, factory);

        connector.Disconnect();

        connector.State.Should().Be(ConnectorState.Disconnected);
        factory.Failures.Should().ContainSingle();
    }

    [Fact]
    public void Connect_StartsANewAttempt_AfterTheLastFailed()
    {
        var factory = new RecordingClientFactory();
        var connector = _reactor.ConnectTcp("h", 1, factory);
        connector.StopConnecting();

        connector.Connect();

        connector.State.Should().Be(ConnectorState.Connecting);
        factory.Started.Should().HaveCount(2);
        connector.Invoking(c => c.Connect()).Should().Throw<InvalidOperationException>().WithMessage("*Connecting*");
    }

    [Fact]
    public void ListenTls_AndConnectTls_RecordTheirOptions()
    {
        var serverOptions = new SslServerAuthenticationOptions();
        var clientOptions = new SslClientAuthenticationOptions();
        var factory = new CountingFactory();
        var clientFactory = new RecordingClientFactory();

        var port = _reactor.ListenTls(443, factory, serverOptions);
        var connector = _reactor.ConnectTls("h", 443, clientFactory, clientOptions);

        _reactor.TlsServers.Should().ContainSingle().Which.Should().Be(new TlsServerRecord(443, factory, serverOptions, 50, "", port));
        _reactor.TlsClients.Should().ContainSingle().Which.Should().Be(
            new TlsClientRecord("h", 443, clientFactory, clientOptions, TimeSpan.FromSeconds(30), null, connector));
        _reactor.TcpServers.Should().BeEmpty();
        port.LocalAddress.Should().Be(new TcpAddress("0.0.0.0", 443));

        port.StopListening();
        _reactor.TlsServers.Should().BeEmpty();
    }

    [Fact]
    public void ListenUdp_RecordsTheCall_AndStartsTheProtocolOnARecordingPort()
    {
        var protocol = new DatagramProbe();

        var port = _reactor.ListenUdp(5353, protocol, "127.0.0.1", 1500);
        protocol.Transport!.Write("ping"u8, new UdpAddress("10.0.0.9", 53));

        var record = _reactor.UdpPorts.Should().ContainSingle().Subject;
        record.Should().Be(new UdpPortRecord(5353, protocol, "127.0.0.1", 1500, (FakeDatagramTransport)port));
        protocol.Events.Should().Equal("start");
        port.LocalAddress.Should().Be(new UdpAddress("127.0.0.1", 5353));
        record.Transport.Written.Should().ContainSingle().Which.Destination.Should().Be(new UdpAddress("10.0.0.9", 53));
    }

    [Fact]
    public void StoppingAUdpPort_StopsTheProtocol_AndRemovesTheRecord()
    {
        var protocol = new DatagramProbe();
        var port = _reactor.ListenUdp(5353, protocol);

        port.StopListening();

        protocol.Events.Should().Equal("start", "stop");
        _reactor.UdpPorts.Should().BeEmpty();
    }

    [Fact]
    public void Time_StandsStill_AndScheduledWorkIsHeldButNeverRun()
    {
        bool ran = false;
        var call = _reactor.CallLater(TimeSpan.FromSeconds(1), () => ran = true);
        _reactor.CallSoon(() => ran = true);

        _reactor.Now.Should().Be(TimeSpan.Zero);
        _reactor.GetDelayedCalls().Should().Equal(call);
        ran.Should().BeFalse();
    }

    [Fact]
    public void ListenAndConnect_RejectNullArguments()
    {
        _reactor.Invoking(r => r.ListenTcp(1, null!)).Should().Throw<ArgumentNullException>();
        _reactor.Invoking(r => r.ConnectTcp(null!, 1, new RecordingClientFactory())).Should().Throw<ArgumentNullException>();
        _reactor.Invoking(r => r.ConnectTcp("h", 70000, new RecordingClientFactory())).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*70000*");
    }

    [Fact]
    public void DeferToThread_RunsTheWorkAtOnceAndReturnsAFiredDeferred()
    {
        var deferred = _reactor.DeferToThread(() => 6 * 7);

        deferred.Called.Should().BeTrue();
        int? result = null;
        deferred.Then(v => result = v);
        result.Should().Be(42);
    }

    [Fact]
    public void DeferToThread_WithThrowingWork_ReturnsAFailedDeferred()
    {
        var deferred = _reactor.DeferToThread<int>(() => throw new FormatException("bad work"));

        Exception? failure = null;
        deferred.AddErrback(f =>
        {
            failure = f.Exception;
            return null;
        });
        failure.Should().BeOfType<FormatException>().Which.Message.Should().Be("bad work");
    }

    [Fact]
    public void AddShutdownTrigger_IsRecordedNotRun_AndDisposingRemovesIt()
    {
        bool ran = false;
        var registration = _reactor.AddShutdownTrigger(ShutdownPhase.Before, () =>
        {
            ran = true;
            return null;
        });

        _reactor.Run();
        _reactor.Stop();

        ran.Should().BeFalse();
        _reactor.GetShutdownTriggers(ShutdownPhase.Before).Should().ContainSingle();
        _reactor.GetShutdownTriggers(ShutdownPhase.After).Should().BeEmpty();
        registration.Dispose();
        _reactor.GetShutdownTriggers(ShutdownPhase.Before).Should().BeEmpty();
    }

    private sealed class DatagramProbe : IDatagramProtocol
    {
        public IDatagramTransport? Transport { get; private set; }

        public List<string> Events { get; } = [];

        public void MakeConnection(IDatagramTransport transport)
        {
            Transport = transport;
            StartProtocol();
        }

        public void StartProtocol() => Events.Add("start");

        public void StopProtocol() => Events.Add("stop");

        public void DatagramReceived(ReadOnlySpan<byte> datagram, IAddress source) => Events.Add("datagram");

        public void ConnectionRefused() => Events.Add("refused");
    }
}
