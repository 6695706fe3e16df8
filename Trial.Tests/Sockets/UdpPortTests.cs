using System.Text;
using System.Threading.Channels;
using Trial.Addresses;
using Trial.Protocols;
using Trial.Tests.Sockets.Support;
using Trial.Transports;

namespace Trial.Tests.Sockets;

/// <summary>UDP over real loopback sockets, as real-mode reactor tests: each closes the ports it opens.</summary>
[Collection(SocketCollection.Name)]
public sealed class UdpPortTests : TestCase
{
    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task Datagrams_RoundTripBetweenTwoPorts()
    {
        var echo = new Datagrams(echo: true);
        var client = new Datagrams(echo: false);
        var echoPort = Reactor.ListenUdp(0, echo, "127.0.0.1");
        var clientPort = Reactor.ListenUdp(0, client, "127.0.0.1");

        clientPort.Write("marco"u8, echoPort.LocalAddress);

        var (payload, source) = await client.Next();
        payload.Should().Be("marco");
        source.Should().Be(new UdpAddress("127.0.0.1", ((UdpAddress)echoPort.LocalAddress).Port));
        (await echo.Next()).Source.Should().Be(clientPort.LocalAddress);
        await echoPort.StopListening();
        await clientPort.StopListening();
    }

    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task ConnectedPort_WritesToItsPeerWithoutADestination()
    {
        var echo = new Datagrams(echo: true);
        var client = new Datagrams(echo: false);
        var echoPort = Reactor.ListenUdp(0, echo, "127.0.0.1");
        var clientPort = Reactor.ListenUdp(0, client, "127.0.0.1");

        clientPort.Connect(echoPort.LocalAddress);
        clientPort.Write("polo"u8);

        (await client.Next()).Payload.Should().Be("polo");
        await echoPort.StopListening();
        await clientPort.StopListening();
    }

    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task ConnectedPort_HearsThatNobodyListens()
    {
        var client = new Datagrams(echo: false);
        var clientPort = Reactor.ListenUdp(0, client, "127.0.0.1");
        int closed = TcpConnectorTests.FreePort();

        clientPort.Connect(new UdpAddress("127.0.0.1", closed));
        clientPort.Write("anyone?"u8);

        await client.Refused.Task;
        await clientPort.StopListening();
    }

    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task WriteWithoutDestination_OnAnUnconnectedPort_Throws()
    {
        var port = Reactor.ListenUdp(0, new Datagrams(echo: false), "127.0.0.1");

        var act = () => port.Write("x"u8);

        act.Should().Throw<InvalidOperationException>().WithMessage("*not connected*");
        await port.StopListening();
    }

    /// <summary>Records the datagrams that arrive (echoing them back when asked), for the test to await on the reactor.</summary>
    private sealed class Datagrams(bool echo) : IDatagramProtocol
    {
        private readonly Channel<(string Payload, IAddress Source)> _received = Channel.CreateUnbounded<(string Payload, IAddress Source)>();
        private IDatagramTransport? _transport;

        public TaskCompletionSource Refused { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<(string Payload, IAddress Source)> Next() => _received.Reader.ReadAsync().AsTask();

        public void MakeConnection(IDatagramTransport transport)
        {
            _transport = transport;
            StartProtocol();
        }

        public void StartProtocol()
        {
        }

        public void StopProtocol()
        {
        }

        public void DatagramReceived(ReadOnlySpan<byte> datagram, IAddress source)
        {
            _ = _received.Writer.TryWrite((Encoding.ASCII.GetString(datagram), source));
            if (echo)
            {
                _transport!.Write(datagram, source);
            }
        }

        public void ConnectionRefused() => Refused.TrySetResult();
    }
}
