namespace Trial.Fixtures.Cli.Flaky;

/// <summary>A test that fails every third time it runs in one process, for --until-failure.</summary>
public sealed class FlakyTests
{
    private static int runs;

    [Fact]
    public void Fails_every_third_run() => Assert.NotEqual(0, Interlocked.Increment(ref runs) % 3);
}
