using System.Net;
using System.Text;
using System.Text.Json;
using Trial.Fakes.Simulation;

namespace Trial.Tests.Fakes.Simulation;

public sealed class NetworkTraceTests
{
    private static readonly IPEndPoint ClientEnd = new(IPAddress.Parse("10.0.0.1"), 49152);
    private static readonly IPEndPoint ServerEnd = new(IPAddress.Parse("10.0.0.2"), 80);

    [Fact]
    public void Record_ReadsBackEveryFieldWithHostsAndEndpointsFromTheSideTables()
    {
        var trace = Sample(capture: true);

        trace.Events.Should().HaveCount(4);
        var sent = trace.Events[1];
        sent.Should().Be(new TraceEvent(1, TimeSpan.FromTicks(150), TraceEventKind.BytesSent, "client", 7, "server", ClientEnd, ServerEnd, 0, 5, "hello"u8.ToArray(), null));
        var delivered = trace.Events[2];
        delivered.Host.Should().Be("server");
        delivered.Peer.Should().Be("client");
        delivered.Payload.ToArray().Should().Equal("hello"u8.ToArray());
        var fault = trace.Events[3];
        fault.Host.Should().Be(NetworkTrace.NetworkHost);
        fault.ConnectionId.Should().Be(0);
        fault.Source.Should().BeNull();
        fault.Detail.Should().Be("partition client | server");
    }

    [Fact]
    public void Record_KeepsPayloadsOnlyWhenAskedTo()
    {
        var trace = Sample(capture: false);

        trace.Events[1].Payload.IsEmpty.Should().BeTrue();
        trace.Events[1].ByteCount.Should().Be(5);
    }

    [Fact]
    public void Hash_IsTheSameForTheSameEventsAndIgnoresCapturedPayloads()
    {
        Sample(capture: false).Hash.Should().Be(Sample(capture: true).Hash).And.MatchRegex("^[0-9a-f]{16}$");
    }

    [Fact]
    public void Hash_ChangesWithAnyField()
    {
        string baseline = Sample(capture: false).Hash;
        var later = Sample(capture: false);
        later.Record(TraceEventKind.TimerFired, 999, 0, -1, 0, 0);
        var other = Sample(capture: false);
        other.Record(TraceEventKind.TimerFired, 998, 0, -1, 0, 0);

        later.Hash.Should().NotBe(baseline);
        later.Hash.Should().NotBe(other.Hash);
    }

    [Fact]
    public void Hash_IsPinnedSoItCannotDriftBetweenRuntimes()
    {
        // Computed independently (a Python transcription of the hasher); a change here breaks every stored reproduction.
        var trace = new NetworkTrace();
        trace.AddHost("a");
        trace.Record(TraceEventKind.TimerFired, 10, 0, -1, 0, 0);

        trace.Hash.Should().Be(PinnedHash());
    }

    [Fact]
    public void FirstDifference_IsNullForEqualTracesAndNamesTheFirstDifferingEvent()
    {
        var a = Sample(capture: false);
        var b = Sample(capture: false);
        NetworkTrace.FirstDifference(a, b).Should().BeNull();

        a.Record(TraceEventKind.TimerFired, 500, 0, -1, 0, 0);
        b.Record(TraceEventKind.TimerFired, 501, 0, -1, 0, 0);
        var difference = NetworkTrace.FirstDifference(a, b);

        difference.Should().NotBeNull();
        difference!.Index.Should().Be(4);
        difference.First!.Value.Time.Should().Be(TimeSpan.FromTicks(500));
        difference.Second!.Value.Time.Should().Be(TimeSpan.FromTicks(501));
        difference.ToString().Should().Contain("event 4").And.Contain("0.0000500s").And.Contain("0.0000501s");
    }

    [Fact]
    public void FirstDifference_ReportsWhereTheShorterTraceEnded()
    {
        var a = Sample(capture: false);
        var b = Sample(capture: false);
        b.Record(TraceEventKind.Restart, 900, 1, -1, 0, 0);

        var difference = NetworkTrace.FirstDifference(a, b)!;

        difference.Index.Should().Be(4);
        difference.First.Should().BeNull();
        difference.Second!.Value.Kind.Should().Be(TraceEventKind.Restart);
        difference.ToString().Should().Contain("(the trace ended)");
    }

    [Fact]
    public void Tail_FormatsTheLastEventsOneLineEach()
    {
        var lines = Sample(capture: false).Tail(2).ToList();

        lines.Should().Equal(
            "#2 0.0000300s server BytesDelivered conn 7 10.0.0.1:49152 -> 10.0.0.2:80 bytes 0+5",
            "#3 1.0000000s * Fault: partition client | server");
        Sample(capture: false).Tail(100).Should().HaveCount(4);
    }

    [Fact]
    public void WriteJsonLines_WritesOneObjectPerEvent()
    {
        var trace = Sample(capture: true);
        using var stream = new MemoryStream();

        trace.WriteJsonLines(stream);

        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(4);
        using var sent = JsonDocument.Parse(lines[1]);
        var root = sent.RootElement;
        root.GetProperty("index").GetInt64().Should().Be(1);
        root.GetProperty("ticks").GetInt64().Should().Be(150);
        root.GetProperty("kind").GetString().Should().Be("BytesSent");
        root.GetProperty("host").GetString().Should().Be("client");
        root.GetProperty("connection").GetInt64().Should().Be(7);
        root.GetProperty("peer").GetString().Should().Be("server");
        root.GetProperty("source").GetString().Should().Be("10.0.0.1:49152");
        root.GetProperty("destination").GetString().Should().Be("10.0.0.2:80");
        root.GetProperty("count").GetInt32().Should().Be(5);
        root.GetProperty("payload").GetBytesFromBase64().Should().Equal("hello"u8.ToArray());
        using var fault = JsonDocument.Parse(lines[3]);
        fault.RootElement.GetProperty("detail").GetString().Should().Be("partition client | server");
    }

    [Fact]
    public void Record_StoresManyEventsAcrossChunks()
    {
        var trace = new NetworkTrace();
        trace.AddHost("a");
        for (int i = 0; i < 40_000; i++)
        {
            trace.Record(TraceEventKind.TimerFired, i, 0, -1, i, 1);
        }

        trace.Count.Should().Be(40_000);
        trace.Events[39_999].StreamOffset.Should().Be(39_999);
        trace.Events[16_384].Time.Should().Be(TimeSpan.FromTicks(16_384));
    }

    private static NetworkTrace Sample(bool capture)
    {
        var trace = new NetworkTrace();
        int client = trace.AddHost("client");
        int server = trace.AddHost("server");
        int channel = trace.AddChannel(new TraceChannel(7, client, server, ClientEnd, ServerEnd));
        trace.Record(TraceEventKind.ConnectStarted, 100, client, channel, 0, 0);
        trace.Record(TraceEventKind.BytesSent, 150, client, channel, 0, 5, payload: "hello"u8, capture: capture);
        trace.Record(TraceEventKind.BytesDelivered, 300, server, channel, 0, 5, payload: "hello"u8, capture: capture);
        trace.Record(TraceEventKind.Fault, TimeSpan.TicksPerSecond, -1, -1, 0, 0, "partition client | server");
        return trace;
    }

    private static string PinnedHash() => "9a0e5a801e7a21e8";
}
