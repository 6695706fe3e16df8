using Trial.Errors;
using Trial.Protocols;
using Trial.Tests.Support;

namespace Trial.Tests.Protocols;

public sealed class ProtocolTests
{
    [Fact]
    public void MakeConnection_AttachesTheTransportBeforeConnectionMadeRuns()
    {
        var protocol = new Recording();
        var transport = new RecordingTransport();

        protocol.MakeConnection(transport);

        protocol.TransportSeenInConnectionMade.Should().BeSameAs(transport);
        protocol.Transport.Should().BeSameAs(transport);
        protocol.Connected.Should().BeTrue();
    }

    [Fact]
    public void MakeConnection_ASecondTime_ThrowsAndNamesTheExistingPeer()
    {
        var protocol = new Protocol();
        protocol.MakeConnection(new RecordingTransport());

        var act = () => protocol.MakeConnection(new RecordingTransport());

        act.Should().Throw<InvalidOperationException>().WithMessage("*already connected*192.168.1.1:54321*");
    }

    [Fact]
    public void MakeConnection_WithNoTransport_Throws()
    {
        var act = () => new Protocol().MakeConnection(null!);

        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void ConnectionLost_MarksTheProtocolDisconnected()
    {
        var protocol = new Recording();
        protocol.MakeConnection(new RecordingTransport());

        protocol.ConnectionLost(new ConnectionDoneException());

        protocol.Connected.Should().BeFalse();
        protocol.Reason.Should().BeOfType<ConnectionDoneException>();
    }

    [Fact]
    public void Protocol_IgnoresDataByDefault()
    {
        var protocol = new Protocol();
        var transport = new RecordingTransport();
        protocol.MakeConnection(transport);

        protocol.DataReceived("ignored"u8);

        transport.Writes.Should().BeEmpty();
        transport.Disconnecting.Should().BeFalse();
    }

    private sealed class Recording : Protocol
    {
        public object? TransportSeenInConnectionMade { get; private set; }

        public Exception? Reason { get; private set; }

        public override void ConnectionMade() => TransportSeenInConnectionMade = Transport;

        public override void ConnectionLost(Exception reason)
        {
            Reason = reason;
            base.ConnectionLost(reason);
        }
    }
}
