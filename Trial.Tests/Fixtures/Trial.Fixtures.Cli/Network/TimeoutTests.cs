namespace Trial.Fixtures.Cli.Network;

/// <summary>Async tests that pass.</summary>
public sealed class TimeoutTests
{
    [Fact]
    public async Task Times_out_after_the_deadline()
    {
        await Task.Yield();
        Assert.InRange(5, 1, 10);
    }

    [Fact]
    public void Keeps_a_connection_that_talks() => Assert.Contains("ok", "it is ok", StringComparison.Ordinal);
}
