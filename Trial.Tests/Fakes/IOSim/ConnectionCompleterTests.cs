using Trial.Addresses;
using Trial.Errors;
using Trial.Fakes.IOSim;
using Trial.Fakes.Memory;
using Trial.Protocols;
using Trial.Reactors;
using Trial.Tests.Fakes.Memory;
using Trial.Tests.Support;

namespace Trial.Tests.Fakes.IOSim;

public sealed class ConnectionCompleterTests
{
    private readonly MemoryReactorClock _reactor = new();

    [Fact]
    public void SucceedOnce_ConnectsTheFirstPendingAttempt_ToTheListenerOnItsPort()
    {
        var servers = new List<AccumulatingProtocol>();
        _reactor.ListenTcp(1234, new Factory(_ => Add(servers, new GreetingProtocol("welcome"))));
        _reactor.ListenTcp(4321, new Factory(_ => throw new InvalidOperationException("wrong port")));
        var clients = new List<AccumulatingProtocol>();
        var factory = new RecordingClientFactory(() => Add(clients, new AccumulatingProtocol()));
        var connector = _reactor.ConnectTcp("example.com", 1234, factory);

        var pump = new ConnectionCompleter(_reactor).SucceedOnce();

        pump.Should().NotBeNull();
        connector.State.Should().Be(ConnectorState.Connected);
        clients.Should().ContainSingle().Which.Data.Should().Equal("welcome"u8.ToArray());
        servers.Should().ContainSingle().Which.Transport!.RemoteAddress.Should().Be(clients[0].Transport!.LocalAddress);
        clients[0].Transport!.RemoteAddress.Should().Be(new TcpAddress("example.com", 1234));
    }

    [Fact]
    public void SucceedOnce_ReturnsNull_WhenNoPendingAttemptHasAListener()
    {
        _reactor.ListenTcp(1, Factory.ForProtocol<Protocol>());
        _reactor.ConnectTcp("h", 2, new RecordingClientFactory());

        new ConnectionCompleter(_reactor).SucceedOnce().Should().BeNull();
    }

    [Fact]
    public void SucceedOnce_IgnoresStoppedPorts()
    {
        var port = _reactor.ListenTcp(1, Factory.ForProtocol<Protocol>());
        _reactor.ConnectTcp("h", 1, new RecordingClientFactory());
        port.StopListening();

        new ConnectionCompleter(_reactor).SucceedOnce().Should().BeNull();
    }

    [Fact]
    public void SucceedOnce_UsesTheReactorsClock_SoCallSoonWorkRunsAsThePumpTurns()
    {
        _reactor.ListenTcp(1, Factory.ForProtocol<Protocol>());
        _reactor.ConnectTcp("h", 1, new RecordingClientFactory());
        bool ran = false;
        _reactor.CallSoon(() => ran = true);

        var pump = new ConnectionCompleter(_reactor).SucceedOnce()!;

        pump.Clock.Should().BeSameAs(_reactor.Clock);
        ran.Should().BeTrue("the greeting flush advanced the reactor's clock");
    }

    [Fact]
    public void WhenTheConnectionEnds_TheFactoryHearsOfIt_AndTheConnectorCanReconnect()
    {
        _reactor.ListenTcp(1, Factory.ForProtocol<Protocol>());
        var factory = new RecordingClientFactory();
        var connector = _reactor.ConnectTcp("h", 1, factory);
        var completer = new ConnectionCompleter(_reactor);
        var pump = completer.SucceedOnce()!;

        pump.ServerTransport.LoseConnection();
        pump.Flush();

        factory.Losses.Should().ContainSingle().Which.Should().BeOfType<ConnectionDoneException>();
        connector.State.Should().Be(ConnectorState.Disconnected);

        connector.Connect();
        completer.SucceedOnce().Should().NotBeNull();
        connector.State.Should().Be(ConnectorState.Connected);
        factory.Started.Should().HaveCount(2);
    }

    [Fact]
    public void Disconnect_OnAConnectedConnector_ClosesTheConnection()
    {
        _reactor.ListenTcp(1, Factory.ForProtocol<AccumulatingProtocol>());
        var factory = new RecordingClientFactory();
        var connector = _reactor.ConnectTcp("h", 1, factory);
        var pump = new ConnectionCompleter(_reactor).SucceedOnce()!;

        connector.Disconnect();
        pump.Flush();

        factory.Losses.Should().ContainSingle();
        ((AccumulatingProtocol)pump.ServerTransport.Protocol).ClosedReason.Should().BeOfType<ConnectionDoneException>();
    }

    [Fact]
    public void FailOnce_FailsTheFirstPendingAttempt_AsRefusedByDefault()
    {
        var first = new RecordingClientFactory();
        var second = new RecordingClientFactory();
        var connector = _reactor.ConnectTcp("h", 1, first);
        _reactor.ConnectTcp("h", 2, second);
        var completer = new ConnectionCompleter(_reactor);

        completer.FailOnce();

        first.Failures.Should().ContainSingle().Which.Should().BeOfType<ConnectionRefusedException>().Which.Message.Should().Contain("TCP:h:1");
        connector.State.Should().Be(ConnectorState.Disconnected);
        second.Failures.Should().BeEmpty();

        var reason = new ConnectAttemptTimedOutException("too slow");
        completer.FailOnce(reason);
        second.Failures.Should().Equal(reason);
    }

    [Fact]
    public void FailOnce_Throws_WhenNoAttemptIsPending()
    {
        var act = () => new ConnectionCompleter(_reactor).FailOnce();

        act.Should().Throw<InvalidOperationException>().WithMessage("*No TCP connection attempt is pending*");
    }

    [Fact]
    public void SucceedOnce_Throws_WhenTheServerFactoryBuildsNothing()
    {
        _reactor.ListenTcp(1, new Factory(_ => null));
        _reactor.ConnectTcp("h", 1, new RecordingClientFactory());

        var act = () => new ConnectionCompleter(_reactor).SucceedOnce();

        act.Should().Throw<InvalidOperationException>().WithMessage("*server factory*port 1*built no protocol*");
    }

    [Fact]
    public void AReconnectingClient_RetriesAfterAFailure_AndTheRetryCanBeCompleted()
    {
        _reactor.ListenTcp(1, Factory.ForProtocol<GreetingServer>());
        var clients = new List<AccumulatingProtocol>();
        var factory = new ReconnectingClientFactory(_reactor, new Trial.Randomness.SeededRandom(5), _ => Add(clients, new AccumulatingProtocol()));
        var connector = _reactor.ConnectTcp("h", 1, factory);
        var completer = new ConnectionCompleter(_reactor);

        completer.FailOnce();
        connector.State.Should().Be(ConnectorState.Disconnected);
        _reactor.Advance(TimeSpan.FromMinutes(1));
        connector.State.Should().Be(ConnectorState.Connecting, "the factory retried after its back-off");

        completer.SucceedOnce().Should().NotBeNull();
        clients.Should().ContainSingle().Which.Data.Should().Equal("hi"u8.ToArray());
    }

    private sealed class GreetingServer : Protocol
    {
        public override void ConnectionMade() => Transport!.Write("hi"u8);
    }

    private static T Add<T>(List<T> list, T item)
    {
        list.Add(item);
        return item;
    }
}
