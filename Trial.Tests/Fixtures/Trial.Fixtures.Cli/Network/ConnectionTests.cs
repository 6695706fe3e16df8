namespace Trial.Fixtures.Cli.Network;

/// <summary>An error, a skip, a pass, and the two outcomes of a test marked as expected to fail.</summary>
public sealed class ConnectionTests
{
    [Fact]
    public void Connects() => Assert.True(true);

    [Fact]
    public void Reports_refusal() => throw new InvalidOperationException("connection refused: 127.0.0.1:1");

    [Fact(Skip = "needs IPv6")]
    public void Connects_over_ipv6() => Assert.True(false);

    [Fact]
    [Trait("Todo", "reconnect is not written yet")]
    public void Reconnects() => Assert.Fail("no reconnect");

    [Fact]
    [Trait("Todo", "half-close was thought broken")]
    public void Half_closes() => Assert.True(true);
}
