using System.Text;

namespace Trial.Fixtures.Runner;

public sealed class SweepTests : TestCase
{
    [ReactorFact(Seed = 100, Seeds = 6)]
    public async Task Fails_for_some_seeds()
    {
        var port = Network.AddHost("server").ListenTcp(7, Factory.ForProtocol(() => new Echo()));
        var client = await Reactor.ConnectAsync("server", 7);
        var log = new Logger("Fixture.Sweep", Log, Reactor);
        var buffer = new byte[64];
        for (int i = 0; i < 5; i++)
        {
            var delay = TimeSpan.FromMilliseconds((double)(Random.NextUInt64() % 1000));
            await Task.Delay(delay, Reactor.TimeProvider);
            await client.Stream.WriteAsync(Encoding.ASCII.GetBytes($"ping {i}\n"));
            int read = await client.Stream.ReadAsync(buffer);
            log.Info("Step {Step} after {Delay}: {Bytes} bytes back", i, delay, read);
        }

        client.Transport!.LoseConnection();
        await port.StopListening();
        await Task.Delay(TimeSpan.FromSeconds(1), Reactor.TimeProvider);
        (Seed % 3).Should().NotBe(0UL, "seeds divisible by 3 fail on purpose");
    }

    [ReactorFact]
    public void Reads_the_wall_clock() => new Logger("Fixture.Sweep", Log).Info("Wall time {Ticks}", DateTime.UtcNow.Ticks);

    private sealed class Echo : Protocol
    {
        public override void DataReceived(ReadOnlySpan<byte> data) => Transport!.Write(data);
    }
}
