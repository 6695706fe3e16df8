namespace Trial.Fixtures.Runner;

public sealed class SweepTests : TestCase
{
    [ReactorFact(Seed = 100, Seeds = 6)]
    public async Task Fails_for_some_seeds()
    {
        var log = new Logger("Fixture.Sweep", Log, Reactor);
        for (int i = 0; i < 5; i++)
        {
            var delay = TimeSpan.FromMilliseconds((double)(Random.NextUInt64() % 1000));
            await Task.Delay(delay, Reactor.TimeProvider);
            log.Info("Step {Step} after {Delay}", i, delay);
        }

        (Seed % 3).Should().NotBe(0UL, "seeds divisible by 3 fail on purpose");
    }

    [ReactorFact]
    public void Reads_the_wall_clock() => new Logger("Fixture.Sweep", Log).Info("Wall time {Ticks}", DateTime.UtcNow.Ticks);
}
