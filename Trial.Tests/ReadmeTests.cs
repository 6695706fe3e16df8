using System.Text;
using Trial.Deferreds;
using Trial.Fakes.IOSim;
using Trial.Fakes.Time;
using Trial.Framing;

namespace Trial.Tests;

/// <summary>The README's tour, run for real so that it stays true.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void VirtualTime_Tour()
    {
        var clock = new Clock();
        var fired = TimeSpan.Zero;
        clock.CallLater(TimeSpan.FromMinutes(30), () => fired = clock.Now);
        var delay = clock.RunUntil(() => Task.Delay(TimeSpan.FromHours(1), clock.TimeProvider), TimeSpan.FromDays(1));

        fired.Should().Be(TimeSpan.FromMinutes(30));
        clock.Now.Should().Be(TimeSpan.FromHours(1));
        delay.IsCompletedSuccessfully.Should().BeTrue();
    }

    [Fact]
    public void Deferred_Tour()
    {
        var clock = new Clock();
        var d = new Deferred<int>();
        int printed = 0;
        d.Then(x => x * 2).Then(x => printed = x);
        d.Callback(21);

        var timeout = new Deferred<string>().AddTimeout(TimeSpan.FromSeconds(5), clock);
        Exception? failure = null;
        timeout.AddErrback(f =>
        {
            failure = f.Exception;
            return null;
        });
        clock.Advance(TimeSpan.FromSeconds(5));

        printed.Should().Be(42);
        failure.Should().BeOfType<DeferredTimeoutException>();
    }

    [Fact]
    public void Pump_Tour()
    {
        var (client, server, pump) = IOPump.ConnectedServerAndClient(
            () => new EchoLines(), () => new CollectLines(), new IOPumpOptions { Slicing = Slicing.ByteByByte });
        client.SendLine("hello"u8);
        pump.Flush();

        client.Lines.Should().Equal("hello");
        server.Should().NotBeNull();
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
