using System.Globalization;
using System.Text;
using Trial.Fakes.Simulation;
using Trial.Framing;
using Trial.Protocols;

namespace Trial.Bench.Workloads;

/// <summary>
/// sim-heartbeat H: H simulated hosts, each with TCP connections to its next 3 peers (a ring), send a heartbeat line
/// on each every virtual second for one virtual hour, tracing on. The rate is simulated seconds per wall second.
/// </summary>
internal static class SimHeartbeatWorkload
{
    private const int Port = 7000;
    private const int Peers = 3;
    private const int SimulatedSeconds = 3600;

    public static int Run(string[] args)
    {
        int hosts = Measure.ParseSize(args, 100);
        long messages = 0;
        long events = 0;

        void Workload()
        {
            var counter = new Counter();
            var net = new SimulatedNetwork(42);
            for (int i = 0; i < hosts; i++)
            {
                var peers = Enumerable.Range(1, Peers).Select(k => $"h{(i + k) % hosts}").ToArray();
                net.AddHost($"h{i}", startup: host => Start(host, peers, counter));
            }

            net.RunFor(TimeSpan.FromSeconds(SimulatedSeconds));
            messages = counter.Lines;
            events = net.Trace.Count;
            long expected = (long)hosts * Peers * (SimulatedSeconds - 1);
            if (messages < expected)
            {
                throw new InvalidOperationException($"delivered {messages} heartbeats, expected at least {expected}");
            }
        }

        int runs = hosts >= 1000 ? 3 : 5;
        double seconds = Measure.Median(warmups: 1, runs, Workload);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trial-sim-heartbeat hosts {hosts} messages {messages} simulated-seconds {SimulatedSeconds} seconds {seconds:F4} rate {SimulatedSeconds / seconds:F0}/s"));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  trace events {events}, {seconds * 1e9 / messages:F0} ns per message"));
        return 0;
    }

    private static void Start(SimulatedHost host, string[] peers, Counter counter)
    {
        host.ListenTcp(Port, Factory.ForProtocol(() => new Receiver(counter)));
        var senders = new List<Sender>(peers.Length);
        foreach (string peer in peers)
        {
            host.ConnectTcp(peer, Port, ClientFactory.ForProtocol(() =>
            {
                var sender = new Sender();
                senders.Add(sender);
                return sender;
            }));
        }

        byte[] line = Encoding.ASCII.GetBytes($"heartbeat {host.Name}\r\n");
        host.TimeProvider.CreateTimer(
            _ =>
            {
                foreach (var sender in senders)
                {
                    sender.Transport?.Write(line);
                }
            },
            null,
            TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(1));
    }

    private sealed class Counter
    {
        public long Lines;
    }

    private sealed class Sender : Protocol;

    private sealed class Receiver(Counter counter) : LineReceiver
    {
        protected override void LineReceived(ReadOnlySpan<byte> line) => counter.Lines++;
    }
}
