using System.Globalization;
using System.Text;
using Trial.Addresses;
using Trial.Errors;
using Trial.Protocols;
using Trial.Tests.Sockets.Support;
using Trial.Tests.Support;
using Trial.Transports;

namespace Trial.Tests.Sockets;

[Collection(SocketCollection.Name)]
public sealed class TcpListeningPortTests
{
    [Fact]
    public void AThousandConcurrentConnections_AreServed_AndTheirDescriptorsAreReleasedAfterward()
    {
        using var harness = new ReactorHarness();
        int port = harness.Invoke(() => harness.Reactor.ListenTcp(0, Factory.ForProtocol<EchoProtocol>(), backlog: 1024, host: "127.0.0.1").Port);

        // A small round first, so the runtime has opened whatever it opens once.
        Exchange(harness, port, 10);
        int before = OpenDescriptors(port);

        Exchange(harness, port, 1000);

        // The server closes its ends when it reads the clients' end of stream; allow it a bounded moment.
        int after = OpenDescriptors(port);
        SpinWait.SpinUntil(() => (after = OpenDescriptors(port)) <= before, ReactorHarness.Limit)
            .Should().BeTrue($"the process had {before} descriptors open before and still has {after}");
        harness.Errors.Should().BeEmpty();
    }

    [Fact]
    public void StopListening_RefusesNewConnections_AndStopsTheFactory()
    {
        using var harness = new ReactorHarness();
        var factory = new CountingFactory();
        var listening = harness.Invoke(() => harness.Reactor.ListenTcp(0, factory, host: "127.0.0.1"));
        int port = listening.Port;
        harness.Invoke(() => factory.Starts).Should().Be(1);

        harness.Invoke(() => listening.StopListening());
        var client = new RecordingClientFactory(() => new RecordingProtocol());
        harness.Invoke(() => harness.Reactor.ConnectTcp("127.0.0.1", port, client));

        ReactorHarness.Wait(client.Failed.Task).Should().BeOfType<ConnectionRefusedException>();
        harness.Invoke(() => factory.Stops).Should().Be(1);
    }

    [Fact]
    public void Port_IsTheNumberTheSystemChose_WithoutACast()
    {
        using var harness = new ReactorHarness();

        var listening = harness.Invoke(() => harness.Reactor.ListenTcp(0, Factory.ForProtocol<EchoProtocol>(), host: "127.0.0.1"));

        listening.Port.Should().BePositive().And.Be(((TcpAddress)listening.LocalAddress).Port);
        harness.Invoke(() => listening.StopListening());
    }

    [Fact]
    public void ListenTcp_OnAPortInUse_ThrowsWithThePort()
    {
        using var harness = new ReactorHarness();
        int port = harness.Invoke(() => harness.Reactor.ListenTcp(0, Factory.ForProtocol<EchoProtocol>(), host: "127.0.0.1").Port);

        var act = () => harness.Invoke(() => harness.Reactor.ListenTcp(port, Factory.ForProtocol<EchoProtocol>(), host: "127.0.0.1"));

        act.Should().Throw<AggregateException>().WithInnerException<InvalidOperationException>().WithMessage($"*{port}*");
    }

    private static void Exchange(ReactorHarness harness, int port, int count)
    {
        var clients = Enumerable.Range(0, count).Select(_ => new RecordingProtocol()).ToArray();
        harness.Invoke(() =>
        {
            for (int i = 0; i < count; i++)
            {
                var client = clients[i];
                var line = Encoding.ASCII.GetBytes(i.ToString("D4", CultureInfo.InvariantCulture));
                harness.Reactor.ConnectTcp("127.0.0.1", port, new RecordingClientFactory(() => new Greeter(client, line)), ReactorHarness.Limit);
            }
        });

        ReactorHarness.Wait(Task.WhenAll(clients.Select(c => c.UntilReceived(4))));
        clients.Select(c => Encoding.ASCII.GetString(c.Received)).Should().Equal(Enumerable.Range(0, count).Select(i => i.ToString("D4", CultureInfo.InvariantCulture)));
        harness.Invoke(() =>
        {
            foreach (var client in clients)
            {
                client.Transport!.LoseConnection();
            }
        });
        ReactorHarness.Wait(Task.WhenAll(clients.Select(c => c.Lost.Task)));
    }

    /// <summary>
    /// Counts this process's descriptors of TCP sockets on <paramref name="port"/> (either end): the test's own, so
    /// whatever else the process opens or closes meanwhile does not count.
    /// </summary>
    private static int OpenDescriptors(int port)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (string table in new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists))
        {
            foreach (string line in File.ReadLines(table).Skip(1))
            {
                string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && (PortOf(fields[1]) == port || PortOf(fields[2]) == port))
                {
                    inodes.Add(fields[9]);
                }
            }
        }

        return Directory.GetFiles("/proc/self/fd")
            .Select(fd => new FileInfo(fd).LinkTarget)
            .Count(target => target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) && inodes.Contains(target[8..^1]));
    }

    private static int PortOf(string endpoint) => int.Parse(endpoint.AsSpan(endpoint.LastIndexOf(':') + 1), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    private sealed class Greeter(RecordingProtocol inner, byte[] line) : IProtocol
    {
        public void MakeConnection(ITransport transport)
        {
            inner.MakeConnection(transport);
            transport.Write(line);
        }

        public void ConnectionMade()
        {
        }

        public void DataReceived(ReadOnlySpan<byte> data) => inner.DataReceived(data);

        public void ConnectionLost(Exception reason) => inner.ConnectionLost(reason);
    }

    private sealed class CountingFactory() : Factory(_ => new EchoProtocol())
    {
        public int Starts { get; private set; }

        public int Stops { get; private set; }

        protected override void StartFactory() => Starts++;

        protected override void StopFactory() => Stops++;
    }
}
