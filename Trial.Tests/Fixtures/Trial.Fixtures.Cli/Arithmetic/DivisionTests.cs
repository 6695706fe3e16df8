namespace Trial.Fixtures.Cli.Arithmetic;

/// <summary>A pass, a failed assertion and an error, in one class.</summary>
public sealed class DivisionTests
{
    [Fact]
    public void Divides_evenly() => Assert.Equal(3, 9 / 3);

    [Fact]
    public void Rounds_towards_zero() => Assert.Equal(2, -7 / 3);

    [Fact]
    public void Divides_by_zero()
    {
        var zero = 0;
        Assert.Equal(0, 1 / zero);
    }
}
