using System.Text;
using Trial.Fakes.Simulation;
using Trial.Framing;
using Trial.Protocols;
using Trial.Time;

namespace Trial.Tests.Fakes.Simulation;

/// <summary>
/// A small failure detector for scenarios: every host listens on a port, keeps a reconnecting connection to each
/// peer, sends its name as a line every second on each, and suspects a peer it has not heard for <see cref="Timeout"/>.
/// </summary>
internal sealed class HeartbeatCluster
{
    internal const int Port = 7000;
    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private readonly Dictionary<string, Node> _nodes = [];

    internal HeartbeatCluster(SimulatedNetwork net, params string[] names)
    {
        foreach (string name in names)
        {
            net.AddHost(name, startup: host => _nodes[host.Name] = new Node(host, names.Where(n => n != host.Name).ToArray()));
        }
    }

    internal Node this[string name] => _nodes[name];

    internal sealed class Node
    {
        private readonly SimulatedHost _host;

        internal Node(SimulatedHost host, string[] peers)
        {
            _host = host;
            host.ListenTcp(Port, Factory.ForProtocol(() => new Listener(this)));
            foreach (string peer in peers)
            {
                var factory = new ReconnectingClientFactory(host, host.Random, _ => new Beater(host)) { MaxDelay = TimeSpan.FromSeconds(2) };
                host.ConnectTcp(peer, Port, factory, TimeSpan.FromSeconds(5));
            }

            Check();
        }

        /// <summary>Gets when each peer was last heard.</summary>
        internal Dictionary<string, TimeSpan> LastHeard { get; } = [];

        /// <summary>Gets when each peer came under suspicion, for the peers suspected now.</summary>
        internal Dictionary<string, TimeSpan> SuspectedSince { get; } = [];

        internal int LinesHeard { get; private set; }

        private void Heard(string peer)
        {
            LinesHeard++;
            LastHeard[peer] = _host.Now;
            SuspectedSince.Remove(peer);
        }

        private void Check()
        {
            foreach (var (peer, last) in LastHeard)
            {
                if (_host.Now - last > Timeout && !SuspectedSince.ContainsKey(peer))
                {
                    SuspectedSince[peer] = _host.Now;
                }
            }

            _host.CallLater(TimeSpan.FromMilliseconds(500), Check);
        }

        private sealed class Listener(Node node) : LineReceiver
        {
            protected override void LineReceived(ReadOnlySpan<byte> line) => node.Heard(Encoding.ASCII.GetString(line));
        }

        private sealed class Beater(SimulatedHost host) : Protocol
        {
            private IDelayedCall? _next;

            public override void ConnectionMade() => Beat();

            public override void ConnectionLost(Exception reason)
            {
                base.ConnectionLost(reason);
                if (_next is { Active: true })
                {
                    _next.Cancel();
                }
            }

            private void Beat()
            {
                Transport!.Write(Encoding.ASCII.GetBytes(host.Name + "\r\n"));
                _next = host.CallLater(TimeSpan.FromSeconds(1), Beat);
            }
        }
    }
}
