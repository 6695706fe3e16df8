using System.Text;
using Trial.Fakes.Memory;
using Trial.Framing;
using Xunit;

namespace Trial.Tests.Tour;

public sealed class StringTransportTour
{
    [Fact]
    public void A_protocol_answers_into_a_string_transport()
    {
        var transport = new StringTransport();
        var shouter = new Shouter();
        shouter.MakeConnection(transport);

        shouter.DataReceived("hello\r\nbye\r\n"u8);

        Assert.Equal("HELLO\r\n", Encoding.UTF8.GetString(transport.Value()));
        Assert.True(transport.Disconnecting);
    }

    private sealed class Shouter : LineReceiver
    {
        protected override void LineReceived(ReadOnlySpan<byte> line)
        {
            string text = Encoding.UTF8.GetString(line);
            if (text == "bye")
            {
                Transport!.LoseConnection();
                return;
            }

            SendLine(text.ToUpperInvariant());
        }
    }
}
