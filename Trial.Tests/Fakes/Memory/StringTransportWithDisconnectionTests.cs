using Trial.Errors;
using Trial.Fakes.Memory;

namespace Trial.Tests.Fakes.Memory;

public sealed class StringTransportWithDisconnectionTests
{
    [Fact]
    public void LoseConnection_TellsTheProtocolTheConnectionIsDone()
    {
        var (protocol, transport) = Connected();

        transport.LoseConnection();

        protocol.Closed.Should().BeTrue();
        protocol.ClosedReason.Should().BeOfType<ConnectionDoneException>();
        transport.Connected.Should().BeFalse();
        transport.Disconnecting.Should().BeTrue();
    }

    [Fact]
    public void AbortConnection_TellsTheProtocolTheConnectionWasAborted()
    {
        var (protocol, transport) = Connected();

        transport.AbortConnection();

        protocol.ClosedReason.Should().BeOfType<ConnectionAbortedException>();
        transport.Aborted.Should().BeTrue();
    }

    [Fact]
    public void TheLoss_IsDeliveredOnlyOnce()
    {
        var protocol = new LossCounter();
        var transport = new StringTransportWithDisconnection(protocol);
        protocol.MakeConnection(transport);

        transport.LoseConnection();
        transport.AbortConnection();
        transport.LoseConnection();

        protocol.Losses.Should().Be(1);
        protocol.ClosedReason.Should().BeOfType<ConnectionDoneException>();
    }

    [Fact]
    public void Closing_ThrowsWhenNoProtocolIsSet_AndChangesNothing()
    {
        var transport = new StringTransportWithDisconnection();

        transport.Invoking(t => t.LoseConnection()).Should().Throw<InvalidOperationException>().WithMessage("*Protocol*");
        transport.Disconnecting.Should().BeFalse();
        transport.Connected.Should().BeTrue();
    }

    [Fact]
    public void Writes_BeforeTheLoss_StayReadable()
    {
        var (protocol, transport) = Connected();
        protocol.Transport!.Write("bye"u8);

        transport.LoseConnection();

        transport.Value().Should().Equal("bye"u8.ToArray());
    }

    private static (AccumulatingProtocol Protocol, StringTransportWithDisconnection Transport) Connected()
    {
        var protocol = new AccumulatingProtocol();
        var transport = new StringTransportWithDisconnection(protocol);
        protocol.MakeConnection(transport);
        return (protocol, transport);
    }

    private sealed class LossCounter : AccumulatingProtocol
    {
        public int Losses { get; private set; }

        public override void ConnectionLost(Exception reason)
        {
            Losses++;
            base.ConnectionLost(reason);
        }
    }
}
