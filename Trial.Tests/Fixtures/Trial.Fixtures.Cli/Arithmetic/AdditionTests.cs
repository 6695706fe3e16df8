namespace Trial.Fixtures.Cli.Arithmetic;

/// <summary>Tests that pass, including a theory with one row per case.</summary>
public sealed class AdditionTests
{
    [Fact]
    public void Adds_small_numbers() => Assert.Equal(4, 2 + 2);

    [Fact]
    public void Adds_negative_numbers() => Assert.Equal(-1, 2 + -3);

    [Theory]
    [InlineData(1, 2, 3)]
    [InlineData(5, 5, 10)]
    public void Adds_rows(int a, int b, int sum) => Assert.Equal(sum, a + b);
}
