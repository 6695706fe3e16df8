using System.Text;
using Trial.Fakes.Memory;
using Xunit;

namespace Consumer;

public sealed class ShouterTests
{
    [Fact]
    public void Shouts_each_line_and_hangs_up_on_bye()
    {
        var transport = new StringTransport();
        var shouter = new Shouter();
        shouter.MakeConnection(transport);

        shouter.DataReceived("hello\r\nbye\r\n"u8);

        Assert.Equal("HELLO\r\n", Encoding.UTF8.GetString(transport.Value()));
        Assert.True(transport.Disconnecting);
    }
}
