using Trial.Randomness;

namespace Trial.Tests.Randomness;

public sealed class NormalDistributionTests
{
    [Fact]
    public void NextNormal_HasTheRequestedMeanAndStandardDeviation()
    {
        var random = new SeededRandom(2024);

        var draws = Enumerable.Range(0, 20_000).Select(_ => random.NextNormal(10.0, 2.0)).ToList();
        double mean = draws.Average();
        double sd = Math.Sqrt(draws.Sum(d => (d - mean) * (d - mean)) / draws.Count);

        mean.Should().BeApproximately(10.0, 0.05);
        sd.Should().BeApproximately(2.0, 0.05);
        draws.Count(d => Math.Abs(d - 10.0) < 2.0).Should().BeInRange(13_200, 14_100, "about 68% fall within one deviation");
    }

    [Fact]
    public void NextNormal_IsReproducibleFromTheSeed()
    {
        var a = new SeededRandom(9);
        var b = new SeededRandom(9);

        Enumerable.Range(0, 100).Select(_ => a.NextNormal(0, 1)).Should().Equal(Enumerable.Range(0, 100).Select(_ => b.NextNormal(0, 1)));
    }

    [Fact]
    public void NextNormal_WithZeroDeviation_ReturnsTheMean()
    {
        var random = new SeededRandom(1);

        random.NextNormal(3.5, 0).Should().Be(3.5);
    }
}
