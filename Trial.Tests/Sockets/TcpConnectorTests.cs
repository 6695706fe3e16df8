using System.Net;
using System.Net.Sockets;
using Trial.Errors;
using Trial.Protocols;
using Trial.Reactors;
using Trial.Tests.Sockets.Support;
using Trial.Tests.Support;

namespace Trial.Tests.Sockets;

[Collection(SocketCollection.Name)]
public sealed class TcpConnectorTests
{
    [Fact]
    public void Connect_ToAClosedPort_FailsAsRefused()
    {
        using var harness = new ReactorHarness();
        int port = FreePort();
        var factory = new RecordingClientFactory(() => new RecordingProtocol());
        var connector = harness.Invoke(() => harness.Reactor.ConnectTcp("127.0.0.1", port, factory));

        ReactorHarness.Wait(factory.Failed.Task).Should().BeOfType<ConnectionRefusedException>().Which.Message.Should().Contain(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        harness.Invoke(() => connector.State).Should().Be(ConnectorState.Disconnected);
        harness.Invoke(() => (factory.Starts, factory.Stops)).Should().Be((1, 1));
    }

    [Fact]
    public void Connect_ToAListenerWhoseBacklogIsFull_TimesOut()
    {
        // A listener that never accepts, with its accept queue filled: Linux drops further SYNs, so the
        // attempt hangs on loopback, deterministically, until its timeout.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        int port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var fillers = new List<Socket>();
        try
        {
            // Linux holds backlog + 1 established connections in the accept queue; with those there, it is full.
            for (int i = 0; i < 2; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                fillers.Add(filler);
                ReactorHarness.Wait(filler.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)));
            }

            using var harness = new ReactorHarness();
            var factory = new RecordingClientFactory(() => new RecordingProtocol());
            var connector = harness.Invoke(() => harness.Reactor.ConnectTcp("127.0.0.1", port, factory, TimeSpan.FromMilliseconds(300)));

            ReactorHarness.Wait(factory.Failed.Task).Should().BeOfType<ConnectAttemptTimedOutException>();
            harness.Invoke(() => connector.State).Should().Be(ConnectorState.Disconnected);
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public void StopConnecting_FailsTheAttemptAsCancelled()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var harness = new ReactorHarness();
        var factory = new RecordingClientFactory(() => new RecordingProtocol());

        harness.Invoke(() => harness.Reactor.ConnectTcp("127.0.0.1", ((IPEndPoint)listener.LocalEndPoint!).Port, factory).StopConnecting());

        ReactorHarness.Wait(factory.Failed.Task).Should().BeOfType<UserCancelledConnectException>();
    }

    [Fact]
    public void Connector_CanConnectAgainAfterItsConnectionEnded()
    {
        using var harness = new ReactorHarness();
        var servers = new List<RecordingProtocol>();
        int port = harness.Invoke(() => harness.Reactor.ListenTcp(0, Factory.ForProtocol(() =>
        {
            var p = new RecordingProtocol();
            servers.Add(p);
            return p;
        }), host: "127.0.0.1").Port);
        var clients = new List<RecordingProtocol>();
        var factory = new RecordingClientFactory(() =>
        {
            var p = new RecordingProtocol();
            clients.Add(p);
            return p;
        });
        var connector = harness.Invoke(() => harness.Reactor.ConnectTcp("localhost", port, factory));
        SpinWait.SpinUntil(() => harness.Invoke(() => clients.Count) == 1, ReactorHarness.Limit).Should().BeTrue();
        ReactorHarness.Wait(harness.Invoke(() => clients[0]).Made.Task);
        harness.Invoke(() => connector.Disconnect());
        ReactorHarness.Wait(factory.ConnectionEnded.Task);

        harness.Invoke(() => connector.Connect());

        SpinWait.SpinUntil(() => harness.Invoke(() => clients.Count) == 2, ReactorHarness.Limit).Should().BeTrue();
        ReactorHarness.Wait(harness.Invoke(() => clients[1]).Made.Task);
        harness.Invoke(() => connector.State).Should().Be(ConnectorState.Connected);
        SpinWait.SpinUntil(() => harness.Invoke(() => servers.Count) == 2, ReactorHarness.Limit).Should().BeTrue();
    }

    internal static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
