using System.Xml.Linq;
using Trial.Fakes.Simulation;

namespace Trial.Tests.Fakes.Simulation.Export;

public sealed class SequenceDiagramTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void WriteSequenceDiagram_DrawsHostsAsLifelinesPacketsAsArrowsAndFaultsAsBands()
    {
        var svg = Draw(SampleTraces.Conversation());

        var texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToList();
        texts.Should().Contain(["client", "server"]);
        texts.Should().Contain(["SYN #1", "SYN-ACK #1", "ACK #1", "#1 5 B @0", "#1 6 B @0", "FIN #1", "RST #2: nothing listens", "#3 1500 B @1500"]);
        texts.Should().Contain(["FAULT: partition client | server", "ENDED: heal", "CRASH Process", "RESTART"]);
        texts.Should().Contain("0.0040000s", "each row shows its virtual time");
        texts.Should().Contain(t => t.StartsWith("UDP 4 B", StringComparison.Ordinal) && t.EndsWith('✕'), "the lost datagram is marked");
        svg.Descendants(Svg + "line").Count(l => (string?)l.Attribute("marker-end") == "url(#arrow)").Should().BeGreaterThanOrEqualTo(15);
    }

    [Fact]
    public void WriteSequenceDiagram_DrawsADeliveredSegmentFromItsSendRowToItsDeliveryRow()
    {
        var svg = Draw(SampleTraces.Conversation());

        var label = svg.Descendants(Svg + "text").Single(t => t.Value == "#1 5 B @0");
        var arrow = (XElement)label.PreviousNode!;
        int y1 = (int)arrow.Attribute("y1")!;
        int y2 = (int)arrow.Attribute("y2")!;

        (y2 - y1).Should().Be(22, "the bytes sent at 4 ms arrived on the next row, at 5 ms");
        ((int)arrow.Attribute("x2")!).Should().NotBe((int)arrow.Attribute("x1")!, "it goes from one lifeline to the other");
    }

    [Fact]
    public void WriteSequenceDiagram_OfALongTrace_DrawsAWindowAndSaysWhatItLeftOut()
    {
        var trace = new NetworkTrace();
        int a = trace.AddHost("a");
        for (int i = 0; i < 1000; i++)
        {
            trace.Record(TraceEventKind.TimerFired, i * 10, a, -1, 0, 0);
            trace.Record(TraceEventKind.Restart, i * 10 + 1, a, -1, 0, 0);
        }

        var svg = Draw(trace, new SequenceDiagramOptions { From = TimeSpan.FromTicks(100), MaxRows = 50 });

        svg.Descendants(Svg + "text").Count(t => t.Value == "RESTART").Should().Be(50);
        svg.Descendants(Svg + "text").Last().Value.Should().Be("50 events drawn; 940 more after this window (next from 0.0000601s); 990 timer events not drawn.");
        ((int)svg.Attribute("height")!).Should().BeLessThan(1400);
    }

    [Fact]
    public void WriteSequenceDiagram_EscapesTextAndIsTheSameForTheSameTrace()
    {
        var trace = new NetworkTrace();
        trace.AddHost("a<b>&\"c\"");
        trace.Record(TraceEventKind.Fault, 0, -1, -1, 0, 0, "clog <everything> & more");

        using var first = new MemoryStream();
        using var second = new MemoryStream();
        trace.WriteSequenceDiagram(first);
        trace.WriteSequenceDiagram(second);

        first.ToArray().Should().Equal(second.ToArray());
        XDocument.Parse(System.Text.Encoding.UTF8.GetString(first.ToArray())).Descendants(Svg + "text").Select(t => t.Value).Should().Contain("FAULT: clog <everything> & more");
    }

    [Fact]
    public void Options_RejectANonPositiveRowCount()
    {
        var act = () => new SequenceDiagramOptions { MaxRows = 0 };

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*MaxRows*0*");
    }

    private static XElement Draw(NetworkTrace trace, SequenceDiagramOptions? options = null)
    {
        using var stream = new MemoryStream();
        trace.WriteSequenceDiagram(stream, options);
        string? keep = Environment.GetEnvironmentVariable("TRIAL_KEEP_DIAGRAM");
        if (keep is not null)
        {
            File.WriteAllBytes(keep, stream.ToArray());
        }

        return XDocument.Parse(System.Text.Encoding.UTF8.GetString(stream.ToArray())).Root!;
    }
}
