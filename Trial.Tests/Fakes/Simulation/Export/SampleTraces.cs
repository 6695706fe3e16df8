using System.Net;
using System.Text;
using Trial.Fakes.Simulation;

namespace Trial.Tests.Fakes.Simulation.Export;

/// <summary>Traces recorded the way the simulated network records them, for the exporters' tests.</summary>
internal static class SampleTraces
{
    public static readonly IPEndPoint Client = new(IPAddress.Parse("10.0.0.1"), 49152);
    public static readonly IPEndPoint Server = new(IPAddress.Parse("10.0.0.2"), 80);

    private static readonly long Ms = TimeSpan.TicksPerMillisecond;

    /// <summary>
    /// Connection 1 exchanges "hello" and "world!" and closes cleanly; connection 2 is refused on port 81;
    /// connection 3 sends 3,000 bytes and is reset; a datagram goes from port 5000 to 6000; a partition comes and heals.
    /// </summary>
    public static NetworkTrace Conversation(bool capture = true)
    {
        var trace = new NetworkTrace();
        int client = trace.AddHost("client");
        int server = trace.AddHost("server");

        int up = trace.AddChannel(new TraceChannel(1, client, server, Client, Server));
        int down = trace.AddChannel(new TraceChannel(1, server, client, Server, Client));
        trace.Record(TraceEventKind.Listen, 0, server, -1, 0, 0, "TCP 10.0.0.2:80");
        trace.Record(TraceEventKind.ConnectStarted, 1 * Ms, client, up, 0, 0);
        trace.Record(TraceEventKind.Accepted, 2 * Ms, server, down, 0, 0);
        trace.Record(TraceEventKind.Connected, 3 * Ms, client, up, 0, 0);
        trace.Record(TraceEventKind.BytesSent, 4 * Ms, client, up, 0, 5, payload: "hello"u8, capture: capture);
        trace.Record(TraceEventKind.BytesDelivered, 5 * Ms, server, up, 0, 5, payload: "hello"u8, capture: capture);
        trace.Record(TraceEventKind.BytesSent, 6 * Ms, server, down, 0, 6, payload: "world!"u8, capture: capture);
        trace.Record(TraceEventKind.BytesDelivered, 7 * Ms, client, down, 0, 6, payload: "world!"u8, capture: capture);
        trace.Record(TraceEventKind.CloseSent, 8 * Ms, client, up, 5, 0);
        trace.Record(TraceEventKind.CloseSent, 9 * Ms, server, down, 6, 0);
        trace.Record(TraceEventKind.ConnectionLost, 10 * Ms, client, up, 5, 0, "ConnectionDone");

        var refusedClient = new IPEndPoint(Client.Address, 49153);
        var refusedServer = new IPEndPoint(Server.Address, 81);
        int refusedUp = trace.AddChannel(new TraceChannel(2, client, server, refusedClient, refusedServer));
        int refusedDown = trace.AddChannel(new TraceChannel(2, server, client, refusedServer, refusedClient));
        trace.Record(TraceEventKind.ConnectStarted, 20 * Ms, client, refusedUp, 0, 0);
        trace.Record(TraceEventKind.ResetSent, 21 * Ms, server, refusedDown, 0, 0, "nothing listens");
        trace.Record(TraceEventKind.ConnectRefused, 22 * Ms, client, -1, 0, 0, "10.0.0.2:81: ConnectionRefusedException");

        var resetClient = new IPEndPoint(Client.Address, 49154);
        int resetUp = trace.AddChannel(new TraceChannel(3, client, server, resetClient, Server));
        int resetDown = trace.AddChannel(new TraceChannel(3, server, client, Server, resetClient));
        byte[] bulk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("0123456789", 300)));
        trace.Record(TraceEventKind.ConnectStarted, 30 * Ms, client, resetUp, 0, 0);
        trace.Record(TraceEventKind.Accepted, 31 * Ms, server, resetDown, 0, 0);
        trace.Record(TraceEventKind.Connected, 32 * Ms, client, resetUp, 0, 0);
        trace.Record(TraceEventKind.BytesSent, 33 * Ms, client, resetUp, 0, 1500, payload: bulk.AsSpan(0, 1500), capture: capture);
        trace.Record(TraceEventKind.BytesSent, 33 * Ms, client, resetUp, 1500, 1500, payload: bulk.AsSpan(1500), capture: capture);
        trace.Record(TraceEventKind.BytesDelivered, 34 * Ms, server, resetUp, 0, 3000, payload: bulk, capture: capture);
        trace.Record(TraceEventKind.Fault, 35 * Ms, -1, -1, 0, 0, "partition client | server");
        trace.Record(TraceEventKind.ResetSent, 36 * Ms, server, resetDown, 0, 0);
        trace.Record(TraceEventKind.ConnectionLost, 37 * Ms, client, resetUp, 3000, 0, "ConnectionReset");
        trace.Record(TraceEventKind.FaultEnded, 38 * Ms, -1, -1, 0, 0, "heal");

        int udp = trace.AddChannel(new TraceChannel(0, client, server, new IPEndPoint(Client.Address, 5000), new IPEndPoint(Server.Address, 6000)));
        trace.Record(TraceEventKind.DatagramSent, 40 * Ms, client, udp, 0, 4, payload: "ping"u8, capture: capture);
        trace.Record(TraceEventKind.DatagramDelivered, 41 * Ms, server, udp, 0, 4, payload: "ping"u8, capture: capture);
        trace.Record(TraceEventKind.DatagramSent, 42 * Ms, client, udp, 0, 4, payload: "lost"u8, capture: capture);
        trace.Record(TraceEventKind.DatagramLost, 42 * Ms, client, udp, 0, 4, "partition");
        trace.Record(TraceEventKind.Crash, 50 * Ms, server, -1, 0, 0, "Process");
        trace.Record(TraceEventKind.Restart, 60 * Ms, server, -1, 0, 0);
        return trace;
    }
}
