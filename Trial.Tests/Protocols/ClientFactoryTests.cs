using Trial.Addresses;
using Trial.Errors;
using Trial.Protocols;
using Trial.Reactors;
using Trial.Tests.Support;

namespace Trial.Tests.Protocols;

public sealed class ClientFactoryTests
{
    [Fact]
    public void ForProtocol_BuildsClientProtocolsThatKnowTheirFactory()
    {
        var factory = ClientFactory.ForProtocol<Protocol>();

        var protocol = factory.BuildProtocol(new TcpAddress("server.example", 80));

        factory.Should().BeOfType<ClientFactory>();
        protocol.Should().BeOfType<Protocol>().Which.Factory.Should().BeSameAs(factory);
    }

    [Fact]
    public void ForProtocol_WithADelegate_UsesIt()
    {
        var made = new Protocol();
        var factory = ClientFactory.ForProtocol(() => made);

        factory.BuildProtocol(new TcpAddress("server.example", 80)).Should().BeSameAs(made);
    }

    [Fact]
    public void ClientFactory_DoesNothingOnAttemptEventsByDefault()
    {
        var factory = ClientFactory.ForProtocol<Protocol>();
        var connector = new FakeConnector(factory) { State = ConnectorState.Disconnected };

        factory.StartedConnecting(connector);
        factory.ClientConnectionFailed(connector, new ConnectionRefusedException());
        factory.ClientConnectionLost(connector, new ConnectionLostException());

        connector.ConnectCalls.Should().Be(0);
        connector.State.Should().Be(ConnectorState.Disconnected);
    }

    [Fact]
    public void Overrides_HearEachStageOfAnAttempt()
    {
        var factory = new Recording();
        var connector = new FakeConnector(factory);

        factory.StartedConnecting(connector);
        connector.Fail();
        factory.ClientConnectionLost(connector, new ConnectionResetException());

        factory.Events.Should().Equal("started", "failed:ConnectionRefusedException", "lost:ConnectionResetException");
    }

    private sealed class Recording() : ClientFactory(_ => new Protocol())
    {
        public List<string> Events { get; } = [];

        public override void StartedConnecting(IConnector connector) => Events.Add("started");

        public override void ClientConnectionFailed(IConnector connector, Exception reason) => Events.Add("failed:" + reason.GetType().Name);

        public override void ClientConnectionLost(IConnector connector, Exception reason) => Events.Add("lost:" + reason.GetType().Name);
    }
}
