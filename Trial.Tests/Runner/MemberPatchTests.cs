using Trial.Runner.Running;

namespace Trial.Tests.Runner;

public sealed class MemberPatchTests
{
    private const int Limit = 3;
    private readonly int _fixed = 1;
    private int _retries = 2;

    private int Computed => _fixed + 1;

    [Fact]
    public void Apply_SetsAFieldAndTheReturnedActionRestoresIt()
    {
        var restore = MemberPatch.Apply(() => _retries, 5);
        _retries.Should().Be(5);

        restore();

        _retries.Should().Be(2);
    }

    [Fact]
    public void Apply_RejectsWhatItCannotSetSayingWhy()
    {
        var readOnly = () => MemberPatch.Apply(() => _fixed, 2);
        readOnly.Should().Throw<ArgumentException>().WithMessage("Patch cannot set MemberPatchTests._fixed: it is readonly or const.*");
        var noSetter = () => MemberPatch.Apply(() => Computed, 2);
        noSetter.Should().Throw<ArgumentException>().WithMessage("Patch cannot set MemberPatchTests.Computed: it has no setter.*");
        var notAMember = () => MemberPatch.Apply(() => Limit + _retries, 2);
        notAMember.Should().Throw<ArgumentException>().WithMessage("Patch needs a field or property, as '() => Settings.Retries', but was given '(3 + *_retries)'.*");
        Holder? missing = null;
        var nullHolder = () => MemberPatch.Apply(() => missing!.Value, 2);
        nullHolder.Should().Throw<ArgumentException>().WithMessage("Patch cannot set '*.Value': the object that holds it is null.*");
    }

    private sealed class Holder
    {
        public int Value { get; set; }
    }
}
