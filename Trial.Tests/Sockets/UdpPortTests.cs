using System.Collections.Concurrent;
using System.Text;
using Trial.Addresses;
using Trial.Protocols;
using Trial.Tests.Sockets.Support;
using Trial.Transports;

namespace Trial.Tests.Sockets;

[Collection(SocketCollection.Name)]
public sealed class UdpPortTests
{
    [Fact]
    public void Datagrams_RoundTripBetweenTwoPorts()
    {
        using var harness = new ReactorHarness();
        var echo = new Datagrams(echo: true);
        var client = new Datagrams(echo: false);
        var echoPort = harness.Invoke(() => harness.Reactor.ListenUdp(0, echo, "127.0.0.1"));
        var clientPort = harness.Invoke(() => harness.Reactor.ListenUdp(0, client, "127.0.0.1"));

        harness.Invoke(() => clientPort.Write("marco"u8, echoPort.LocalAddress));

        var (payload, source) = ReactorHarness.Wait(client.Next());
        payload.Should().Be("marco");
        source.Should().Be(new UdpAddress("127.0.0.1", ((UdpAddress)echoPort.LocalAddress).Port));
        ReactorHarness.Wait(echo.Next()).Source.Should().Be(clientPort.LocalAddress);
    }

    [Fact]
    public void ConnectedPort_WritesToItsPeerWithoutADestination()
    {
        using var harness = new ReactorHarness();
        var echo = new Datagrams(echo: true);
        var client = new Datagrams(echo: false);
        var echoPort = harness.Invoke(() => harness.Reactor.ListenUdp(0, echo, "127.0.0.1"));
        var clientPort = harness.Invoke(() => harness.Reactor.ListenUdp(0, client, "127.0.0.1"));

        harness.Invoke(() =>
        {
            clientPort.Connect(echoPort.LocalAddress);
            clientPort.Write("polo"u8);
        });

        ReactorHarness.Wait(client.Next()).Payload.Should().Be("polo");
    }

    [Fact]
    public void ConnectedPort_HearsThatNobodyListens()
    {
        using var harness = new ReactorHarness();
        var client = new Datagrams(echo: false);
        var clientPort = harness.Invoke(() => harness.Reactor.ListenUdp(0, client, "127.0.0.1"));
        int closed = TcpConnectorTests.FreePort();

        harness.Invoke(() =>
        {
            clientPort.Connect(new UdpAddress("127.0.0.1", closed));
            clientPort.Write("anyone?"u8);
        });

        ReactorHarness.Wait(client.Refused.Task);
    }

    [Fact]
    public void WriteWithoutDestination_OnAnUnconnectedPort_Throws()
    {
        using var harness = new ReactorHarness();
        var port = harness.Invoke(() => harness.Reactor.ListenUdp(0, new Datagrams(echo: false), "127.0.0.1"));

        var act = () => harness.Invoke(() => port.Write("x"u8));

        act.Should().Throw<AggregateException>().WithInnerException<InvalidOperationException>().WithMessage("*not connected*");
    }

    private sealed class Datagrams(bool echo) : IDatagramProtocol
    {
        private readonly BlockingCollection<(string Payload, IAddress Source)> _received = [];
        private IDatagramTransport? _transport;

        public TaskCompletionSource Refused { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<(string Payload, IAddress Source)> Next() => Task.Run(() =>
            _received.TryTake(out var item, ReactorHarness.Limit) ? item : throw new TimeoutException("No datagram arrived."));

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
            _received.Add((Encoding.ASCII.GetString(datagram), source));
            if (echo)
            {
                _transport!.Write(datagram, source);
            }
        }

        public void ConnectionRefused() => Refused.TrySetResult();
    }
}
