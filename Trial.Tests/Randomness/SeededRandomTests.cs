using Trial.Randomness;

namespace Trial.Tests.Randomness;

public sealed class SeededRandomTests
{
    [Fact]
    public void SameSeed_GivesTheSameSequence()
    {
        var a = new SeededRandom(12345);
        var b = new SeededRandom(12345);

        var first = Enumerable.Range(0, 1000).Select(_ => a.NextUInt64()).ToList();
        var second = Enumerable.Range(0, 1000).Select(_ => b.NextUInt64()).ToList();

        second.Should().Equal(first);
        a.Seed.Should().Be(12345UL);
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentSequences()
    {
        var a = new SeededRandom(1);
        var b = new SeededRandom(2);

        Enumerable.Range(0, 8).Select(_ => a.NextUInt64()).Should().NotIntersectWith(Enumerable.Range(0, 8).Select(_ => b.NextUInt64()));
    }

    [Theory]
    [InlineData(0UL, 0x99ec5f36cb75f2b4UL, 0xbf6e1f784956452aUL, 0x1a5f849d4933e6e0UL)]
    [InlineData(42UL, 0x15780b2e0c2ec716UL, 0x6104d9866d113a7eUL, 0xae17533239e499a1UL)]
    public void NextUInt64_GivesThePinnedFirstValues(ulong seed, ulong first, ulong second, ulong third)
    {
        // Also produced by the independent Python port in Framing/Vectors/generate.py.
        var random = new SeededRandom(seed);

        new[] { random.NextUInt64(), random.NextUInt64(), random.NextUInt64() }.Should().Equal(first, second, third);
    }

    [Fact]
    public void NextDouble_UsesTheTop53BitsOfTheNextValue()
    {
        var random = new SeededRandom(7);

        random.NextDouble().Should().Be(0.7005764821796896);
    }

    [Fact]
    public void NextDouble_StaysInTheHalfOpenUnitInterval()
    {
        var random = new SeededRandom(99);

        Enumerable.Range(0, 10_000).Select(_ => random.NextDouble()).Should().OnlyContain(d => d >= 0 && d < 1);
    }

    [Fact]
    public void Next_GivesThePinnedSequenceForSeven()
    {
        var random = new SeededRandom(7);

        Enumerable.Range(0, 10).Select(_ => random.Next(0, 10)).Should().Equal(7, 2, 8, 9, 9, 8, 0, 1, 4, 1);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(-5, 5)]
    [InlineData(int.MinValue, int.MinValue + 3)]
    [InlineData(int.MaxValue - 3, int.MaxValue)]
    public void Next_StaysWithinItsBoundsAndReachesEveryValueOfASmallRange(int min, int max)
    {
        var random = new SeededRandom(3);

        var values = Enumerable.Range(0, 2000).Select(_ => random.Next(min, max)).ToList();

        values.Should().OnlyContain(v => v >= min && v < max);
        values.Distinct().Should().HaveCount(max - min);
    }

    [Fact]
    public void Next_OverTheWholeIntRange_StaysWithinIt()
    {
        var random = new SeededRandom(5);

        var values = Enumerable.Range(0, 1000).Select(_ => random.Next(int.MinValue, int.MaxValue)).ToList();

        values.Should().NotContain(int.MaxValue);
        values.Should().Contain(v => v < 0).And.Contain(v => v > 0);
    }

    [Fact]
    public void Next_WithARangeOfOne_AlwaysGivesTheLowerBound()
    {
        var random = new SeededRandom(11);

        Enumerable.Range(0, 100).Select(_ => random.Next(5, 6)).Should().OnlyContain(v => v == 5);
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(5, 4)]
    [InlineData(0, int.MinValue)]
    public void Next_WithAnUpperBoundNotAboveTheLower_ThrowsNamingBoth(int min, int max)
    {
        var act = () => new SeededRandom(1).Next(min, max);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("maxExclusive")
            .WithMessage($"*{min}*{max}*");
    }

    [Fact]
    public void Fork_GivesAnIndependentReproducibleStreamPerName()
    {
        var parent = new SeededRandom(77);

        var a = parent.Fork(1);
        var again = new SeededRandom(77).Fork(1);
        var b = parent.Fork(2);

        again.NextUInt64().Should().Be(a.NextUInt64());
        b.NextUInt64().Should().NotBe(new SeededRandom(77).Fork(1).NextUInt64());
        parent.NextUInt64().Should().Be(new SeededRandom(77).NextUInt64(), "forking draws nothing from the parent");
    }

    [Fact]
    public void FromOperatingSystemSeed_DrawsAFreshSeedEachTime_AndTheSeedReplaysTheDraws()
    {
        var seeds = Enumerable.Range(0, 4).Select(_ => SeededRandom.FromOperatingSystemSeed()).ToList();

        // Four 64-bit seeds from the OS collide with odds of about 2^-61.
        seeds.Select(r => r.Seed).Should().OnlyHaveUniqueItems();
        var first = seeds[0];
        var replay = new SeededRandom(first.Seed);
        Enumerable.Range(0, 16).Select(_ => replay.NextUInt64()).Should().Equal(Enumerable.Range(0, 16).Select(_ => first.NextUInt64()));
    }
}
