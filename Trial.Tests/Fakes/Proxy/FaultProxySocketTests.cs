using System.Text;
using Trial.Addresses;
using Trial.Errors;
using Trial.Fakes.Proxy;
using Trial.Protocols;
using Trial.Tests.Sockets;
using Trial.Tests.Sockets.Support;
using Trial.Tests.Support;

namespace Trial.Tests.Fakes.Proxy;

/// <summary>
/// The proxy between real loopback sockets on the socket reactor: that it binds, relays, applies a toxic and
/// refuses to leave loopback. Every wait is bounded and nothing is timed; the toxics' timing is tested on
/// virtual time in <see cref="FaultProxyTests"/>.
/// </summary>
[Collection(SocketCollection.Name)]
public sealed class FaultProxySocketTests : IDisposable
{
    private readonly ReactorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void WithoutToxics_RelaysBothWays()
    {
        var proxy = Start(Factory.ForProtocol<EchoProtocol>());
        var client = Connect(proxy);

        _harness.Invoke(() => client.Transport!.Write("through the proxy"u8));

        ReactorHarness.Wait(client.UntilReceived(17));
        Encoding.ASCII.GetString(client.Received).Should().Be("through the proxy");
        proxy.Address.Host.Should().Be("127.0.0.1");
    }

    [Fact]
    public void LimitData_ClosesAfterThatManyBytes()
    {
        var proxy = Start(Factory.ForProtocol(() => new Sender(5000)));
        var client = Connect(proxy);
        ReactorHarness.Wait(proxy.AddToxicAsync(new LimitDataToxic { Bytes = 1000 }));

        _harness.Invoke(() => client.Transport!.Write("go"u8));

        ReactorHarness.Wait(client.Lost.Task).Should().BeOfType<ConnectionDoneException>();
        client.Received.Should().Equal(Sender.Payload(5000).Take(1000));
    }

    [Fact]
    public void RemovingATimeoutToxic_ClosesTheConnection()
    {
        var proxy = Start(Factory.ForProtocol<EchoProtocol>());
        var client = Connect(proxy);
        ReactorHarness.Wait(proxy.AddToxicAsync(new TimeoutToxic { Direction = ToxicDirection.Upstream }));

        ReactorHarness.Wait(proxy.RemoveToxicAsync("timeout_upstream"));

        ReactorHarness.Wait(client.Lost.Task).Should().BeOfType<ConnectionDoneException>();
        client.Count.Should().Be(0);
    }

    [Fact]
    public void StartAsync_OnAnIPv4MappedLoopbackAddress_ListensOnLoopback()
    {
        int port = _harness.Invoke(() => _harness.Reactor.ListenTcp(0, Factory.ForProtocol<EchoProtocol>(), host: "127.0.0.1").Port);

        var proxy = ReactorHarness.Wait(FaultProxy.StartAsync(_harness.Reactor, new TcpAddress("::ffff:127.0.0.1", port), new FaultProxyOptions { ListenHost = "::ffff:127.0.0.1" }));
        var client = Connect(proxy);
        _harness.Invoke(() => client.Transport!.Write("mapped"u8));

        ReactorHarness.Wait(client.UntilReceived(6));
        proxy.Address.Host.Should().Be("127.0.0.1");
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("")]
    [InlineData("192.0.2.1")]
    [InlineData("::ffff:192.0.2.1")]
    public void StartAsync_OnANonLoopbackAddress_Throws(string host)
    {
        Action act = () => FaultProxy.StartAsync(_harness.Reactor, new TcpAddress("127.0.0.1", 1), new FaultProxyOptions { ListenHost = host });

        act.Should().Throw<ArgumentException>().WithMessage($"*'{host}'*");
    }

    [Fact]
    public void StartAsync_ToANonLoopbackUpstream_Throws()
    {
        Action act = () => FaultProxy.StartAsync(_harness.Reactor, new TcpAddress("192.0.2.1", 80));

        act.Should().Throw<ArgumentException>().WithMessage("*192.0.2.1*");
    }

    private FaultProxy Start(IProtocolFactory upstream)
    {
        int port = _harness.Invoke(() => _harness.Reactor.ListenTcp(0, upstream, host: "127.0.0.1").Port);
        return ReactorHarness.Wait(FaultProxy.StartAsync(_harness.Reactor, new TcpAddress("127.0.0.1", port), new FaultProxyOptions { Seed = 42 }));
    }

    private RecordingProtocol Connect(FaultProxy proxy)
    {
        var client = new RecordingProtocol();
        _harness.Invoke(() => _harness.Reactor.ConnectTcp(proxy.Address.Host, proxy.Address.Port, new RecordingClientFactory(() => client)));
        ReactorHarness.Wait(client.Made.Task);
        return client;
    }
}
