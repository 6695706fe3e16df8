using System.Text;
using Consumer;
using Trial.Fakes.Memory;
using Trial.Runner;
using Xunit;

namespace Consumer.Tests;

public sealed class ShouterTests : TestCase
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

    [ReactorFact]
    public async Task A_reply_that_never_comes_times_out_after_30_virtual_minutes()
    {
        var reply = new TaskCompletionSource<string>();

        await Assert.ThrowsAsync<TimeoutException>(() => reply.Task.WaitAsync(TimeSpan.FromMinutes(30), Reactor.TimeProvider));

        Assert.Equal(TimeSpan.FromMinutes(30), Clock.Now);
    }
}
