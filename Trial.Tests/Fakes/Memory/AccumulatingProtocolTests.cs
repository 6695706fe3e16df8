using Trial.Errors;
using Trial.Fakes.Memory;

namespace Trial.Tests.Fakes.Memory;

public sealed class AccumulatingProtocolTests
{
    [Fact]
    public void ItRecordsTheConnection_TheBytes_AndTheLoss()
    {
        var protocol = new AccumulatingProtocol();
        var transport = new StringTransportWithDisconnection(protocol);
        protocol.Made.Should().BeFalse();

        protocol.MakeConnection(transport);
        protocol.DataReceived("ab"u8);
        protocol.DataReceived("c"u8);
        transport.LoseConnection();

        protocol.Made.Should().BeTrue();
        protocol.Data.Should().Equal("abc"u8.ToArray());
        protocol.DataReceivedCalls.Should().Be(2);
        protocol.Closed.Should().BeTrue();
        protocol.ClosedReason.Should().BeOfType<ConnectionDoneException>();
    }

    [Fact]
    public void ItsTasks_CompleteWhenTheConnectionIsMadeAndLost()
    {
        var protocol = new AccumulatingProtocol();
        var transport = new StringTransportWithDisconnection(protocol);
        protocol.WhenMade.IsCompleted.Should().BeFalse();

        protocol.MakeConnection(transport);
        protocol.WhenMade.IsCompletedSuccessfully.Should().BeTrue();
        protocol.WhenClosed.IsCompleted.Should().BeFalse();

        transport.AbortConnection();
        protocol.WhenClosed.IsCompletedSuccessfully.Should().BeTrue();
        protocol.ClosedReason.Should().BeOfType<ConnectionAbortedException>();
    }
}
