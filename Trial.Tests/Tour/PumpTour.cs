using System.Text;
using Trial.Fakes.IOSim;
using Trial.Framing;
using Xunit;

namespace Trial.Tests.Tour;

public sealed class PumpTour
{
    [Fact]
    public void Lines_survive_byte_by_byte_delivery()
    {
        var (client, server, pump) = IOPump.ConnectedServerAndClient(
            () => new EchoLines(), () => new CollectLines(),
            new IOPumpOptions { Slicing = Slicing.ByteByByte });   // framing code meets split reads

        client.SendLine("hello");
        pump.Flush();

        Assert.Equal(["hello"], client.Lines);
    }

    private sealed class EchoLines : LineReceiver
    {
        protected override void LineReceived(ReadOnlySpan<byte> line) => SendLine(line);
    }

    private sealed class CollectLines : LineReceiver
    {
        public List<string> Lines { get; } = [];

        protected override void LineReceived(ReadOnlySpan<byte> line) => Lines.Add(Encoding.UTF8.GetString(line));
    }
}
