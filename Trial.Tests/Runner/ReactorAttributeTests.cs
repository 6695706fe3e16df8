namespace Trial.Tests.Runner;

public sealed class ReactorAttributeTests
{
    [Fact]
    public void Settings_RejectValuesOutOfRangeNamingTheValue()
    {
        var seeds = () => new ReactorTheoryAttribute { Seeds = 0 };
        seeds.Should().Throw<ArgumentOutOfRangeException>().WithMessage("A sweep needs at least one seed.*Actual value was 0.");
        var virtualTimeout = () => new ReactorTheoryAttribute { VirtualTimeout = -1 };
        virtualTimeout.Should().Throw<ArgumentOutOfRangeException>().WithMessage("A timeout must be positive.*Actual value was -1.");
        var wallTimeout = () => new ReactorFactAttribute { WallTimeout = 0 };
        wallTimeout.Should().Throw<ArgumentOutOfRangeException>().WithMessage("A timeout must be positive.*Actual value was 0.");
    }

    [Fact]
    public void Seed_OnceSetIsMarkedAsSet()
    {
        var theory = new ReactorTheoryAttribute();
        theory.HasSeed.Should().BeFalse();

        theory.Seed = 0;

        theory.HasSeed.Should().BeTrue();
        theory.Seed.Should().Be(0UL);
    }
}
