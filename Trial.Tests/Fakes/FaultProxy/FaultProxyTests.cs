using System.Diagnostics;
using System.Text;
using Trial.Addresses;
using Trial.Errors;
using Trial.Fakes.FaultProxy;
using Trial.Protocols;
using Trial.Tests.Sockets;
using Trial.Tests.Sockets.Support;
using Proxy = Trial.Fakes.FaultProxy.FaultProxy;

namespace Trial.Tests.Fakes.FaultProxy;

/// <summary>
/// Each toxic observed from a real client through a real proxy. These tests need wall time: the toxics are
/// about time on the wire. Lower bounds only, except the bandwidth check the issue asks for (within 20%).
/// </summary>
[Collection(SocketCollection.Name)]
public sealed class FaultProxyTests : IDisposable
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
    }

    [Fact]
    public void Latency_DelaysTheRoundTrip()
    {
        var proxy = Start(Factory.ForProtocol<EchoProtocol>());
        var client = Connect(proxy);
        ReactorHarness.Wait(proxy.AddToxicAsync(new LatencyToxic { Latency = TimeSpan.FromMilliseconds(200), Jitter = TimeSpan.FromMilliseconds(20) }));

        var clock = Stopwatch.StartNew();
        _harness.Invoke(() => client.Transport!.Write("ping"u8));
        ReactorHarness.Wait(client.UntilReceived(4));

        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(180));
    }

    [Fact]
    public void Bandwidth_CapsThroughputWithinTwentyPercent()
    {
        const int total = 300_000;
        const double kilobytesPerSecond = 150;
        var proxy = Start(Factory.ForProtocol(() => new Sender(total, close: false)));
        var client = Connect(proxy);
        ReactorHarness.Wait(proxy.AddToxicAsync(new BandwidthToxic { KilobytesPerSecond = kilobytesPerSecond }));

        var clock = Stopwatch.StartNew();
        _harness.Invoke(() => client.Transport!.Write("go"u8));
        ReactorHarness.Wait(client.UntilReceived(total));
        double rate = total / clock.Elapsed.TotalSeconds / 1000;

        rate.Should().BeInRange(kilobytesPerSecond * 0.8, kilobytesPerSecond * 1.2);
    }

    [Fact]
    public void Slicer_SplitsWhatArrivesIntoSmallReads()
    {
        var proxy = Start(Factory.ForProtocol(() => new Sender(100, close: false)));
        var client = Connect(proxy);
        ReactorHarness.Wait(proxy.AddToxicAsync(new SlicerToxic { AverageSize = 10, SizeVariation = 2, Delay = TimeSpan.FromMilliseconds(15) }));

        _harness.Invoke(() => client.Transport!.Write("go"u8));
        ReactorHarness.Wait(client.UntilReceived(100));

        client.Reads.Should().BeGreaterThanOrEqualTo(5, "100 bytes in slices of 8 to 12, 15 ms apart, cannot arrive in fewer reads");
        client.Received.Should().Equal(Sender.Payload(100));
    }

    [Fact]
    public void LimitData_ClosesAfterThatManyBytes()
    {
        var proxy = Start(Factory.ForProtocol(() => new Sender(5000, close: false)));
        var client = Connect(proxy);
        ReactorHarness.Wait(proxy.AddToxicAsync(new LimitDataToxic { Bytes = 1000 }));

        _harness.Invoke(() => client.Transport!.Write("go"u8));

        ReactorHarness.Wait(client.Lost.Task).Should().BeOfType<ConnectionDoneException>();
        client.Received.Should().Equal(Sender.Payload(5000).Take(1000));
    }

    [Fact]
    public void ResetPeer_ResetsTheClientAfterItsTimeout()
    {
        var proxy = Start(Factory.ForProtocol<EchoProtocol>());
        var client = Connect(proxy);
        var clock = Stopwatch.StartNew();

        ReactorHarness.Wait(proxy.AddToxicAsync(new ResetPeerToxic { Timeout = TimeSpan.FromMilliseconds(100) }));

        ReactorHarness.Wait(client.Lost.Task).Should().BeOfType<ConnectionResetException>();
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(90));
    }

    [Fact]
    public void Timeout_HoldsDataUntilTheToxicIsRemoved()
    {
        var proxy = Start(Factory.ForProtocol<EchoProtocol>());
        var client = Connect(proxy);
        ReactorHarness.Wait(proxy.AddToxicAsync(new TimeoutToxic { Direction = ToxicDirection.Upstream }));

        _harness.Invoke(() => client.Transport!.Write("held"u8));

        ReactorHarness.FinishesWithin(client.UntilReceived(4), TimeSpan.FromMilliseconds(300)).Should().BeFalse("the toxic holds the bytes");
        ReactorHarness.Wait(proxy.RemoveToxicAsync("timeout_upstream"));
        ReactorHarness.Wait(client.UntilReceived(4));
        Encoding.ASCII.GetString(client.Received).Should().Be("held");
    }

    [Fact]
    public void Timeout_WithADelay_ClosesTheConnectionWithoutPassingData()
    {
        var proxy = Start(Factory.ForProtocol<EchoProtocol>());
        var client = Connect(proxy);
        ReactorHarness.Wait(proxy.AddToxicAsync(new TimeoutToxic { Direction = ToxicDirection.Upstream, Timeout = TimeSpan.FromMilliseconds(150) }));

        _harness.Invoke(() => client.Transport!.Write("lost"u8));

        ReactorHarness.Wait(client.Lost.Task).Should().BeOfType<ConnectionDoneException>();
        client.Count.Should().Be(0);
    }

    [Fact]
    public void SlowClose_DelaysTheCloseButNotTheData()
    {
        var proxy = Start(Factory.ForProtocol(() => new Sender(10, close: true)));
        var client = Connect(proxy);
        ReactorHarness.Wait(proxy.AddToxicAsync(new SlowCloseToxic { Delay = TimeSpan.FromMilliseconds(300) }));

        _harness.Invoke(() => client.Transport!.Write("go"u8));
        ReactorHarness.Wait(client.UntilReceived(10));
        var clock = Stopwatch.StartNew();

        ReactorHarness.Wait(client.Lost.Task).Should().BeOfType<ConnectionDoneException>();
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Toxicity_Zero_LeavesEveryConnectionAlone()
    {
        var proxy = Start(Factory.ForProtocol<EchoProtocol>());
        ReactorHarness.Wait(proxy.AddToxicAsync(new TimeoutToxic { Toxicity = 0 }));
        var client = Connect(proxy);

        _harness.Invoke(() => client.Transport!.Write("free"u8));

        ReactorHarness.Wait(client.UntilReceived(4));
    }

    [Fact]
    public void AddToxic_WithANameInUse_Throws()
    {
        var proxy = Start(Factory.ForProtocol<EchoProtocol>());
        ReactorHarness.Wait(proxy.AddToxicAsync(new LatencyToxic()));

        var act = () => ReactorHarness.Wait(proxy.AddToxicAsync(new LatencyToxic()));

        act.Should().Throw<AggregateException>().WithInnerException<ArgumentException>().WithMessage("*latency_downstream*");
        proxy.Toxics.Should().ContainSingle();
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.0.2.1")]
    public void StartAsync_OnANonLoopbackAddress_Throws(string host)
    {
        Action act = () => Proxy.StartAsync(_harness.Reactor, new TcpAddress("127.0.0.1", 1), new FaultProxyOptions { ListenHost = host });

        act.Should().Throw<ArgumentException>().WithMessage($"*{host}*");
    }

    [Fact]
    public void StartAsync_ToANonLoopbackUpstream_Throws()
    {
        Action act = () => Proxy.StartAsync(_harness.Reactor, new TcpAddress("192.0.2.1", 80));

        act.Should().Throw<ArgumentException>().WithMessage("*192.0.2.1*");
    }

    private Proxy Start(IProtocolFactory upstream)
    {
        int port = _harness.Invoke(() => _harness.Reactor.ListenTcp(0, upstream, host: "127.0.0.1").Port);
        return ReactorHarness.Wait(Proxy.StartAsync(_harness.Reactor, new TcpAddress("127.0.0.1", port), new FaultProxyOptions { Seed = 42 }));
    }

    private RecordingProtocol Connect(Proxy proxy)
    {
        var client = new RecordingProtocol();
        _harness.Invoke(() => _harness.Reactor.ConnectTcp(proxy.Address.Host, proxy.Address.Port, new RecordingClientFactory(() => client)));
        ReactorHarness.Wait(client.Made.Task);
        return client;
    }

    /// <summary>Sends a fixed payload when it hears anything, and closes after it if asked.</summary>
    private sealed class Sender(int size, bool close) : Protocol
    {
        public static byte[] Payload(int size) => Enumerable.Range(0, size).Select(i => (byte)(i % 251)).ToArray();

        public override void DataReceived(ReadOnlySpan<byte> data)
        {
            Transport!.Write(Payload(size));
            if (close)
            {
                Transport.LoseConnection();
            }
        }
    }
}
