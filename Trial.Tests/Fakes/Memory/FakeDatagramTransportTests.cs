using Trial.Addresses;
using Trial.Fakes.Memory;

namespace Trial.Tests.Fakes.Memory;

public sealed class FakeDatagramTransportTests
{
    private static readonly UdpAddress Peer = new("10.0.0.2", 53);

    [Fact]
    public void Write_RecordsACopyOfEachDatagramAndItsDestination()
    {
        var transport = new FakeDatagramTransport();
        byte[] payload = "ping"u8.ToArray();

        transport.Write(payload, Peer);
        payload[0] = (byte)'X';

        transport.Written.Should().ContainSingle();
        transport.Written[0].Data.Should().Equal("ping"u8.ToArray());
        transport.Written[0].Destination.Should().Be(Peer);
    }

    [Fact]
    public void Write_WithoutADestination_GoesToTheConnectedPeer()
    {
        var transport = new FakeDatagramTransport();
        transport.Connect(Peer);

        transport.Write("a"u8);

        transport.ConnectedPeer.Should().Be(Peer);
        transport.Written[0].Destination.Should().Be(Peer);
    }

    [Fact]
    public void Write_WithoutADestination_Throws_WhenNotConnected()
    {
        var transport = new FakeDatagramTransport();

        transport.Invoking(t => t.Write("abc"u8)).Should().Throw<InvalidOperationException>().WithMessage("*3 bytes*not connected*");
        transport.Written.Should().BeEmpty();
    }

    [Fact]
    public void Write_Throws_AfterThePortStopped()
    {
        var transport = new FakeDatagramTransport(new UdpAddress("127.0.0.1", 9));
        transport.StopListening().IsCompletedSuccessfully.Should().BeTrue();

        transport.Listening.Should().BeFalse();
        transport.Invoking(t => t.Write("a"u8, Peer)).Should().Throw<InvalidOperationException>().WithMessage("*UDP:127.0.0.1:9*stopped*");
    }

    [Fact]
    public void LocalAddress_DefaultsToAUdpAddress() =>
        new FakeDatagramTransport().LocalAddress.Should().Be(new UdpAddress("10.0.0.1", 12345));
}
