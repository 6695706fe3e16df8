using Trial.Deferreds;
using Trial.Fakes.Time;
using Trial.Tests.Deferreds;
using Trial.Timing;

namespace Trial.Tests.Timing;

public sealed class DeferLaterExtensionsTests
{
    private readonly Clock _clock = new();

    [Fact]
    public void DeferLater_FiresWithTheFunctionsResultAfterTheDelay()
    {
        var calls = new List<TimeSpan>();
        var flag = new object();
        var deferred = _clock.DeferLater(TimeSpan.FromSeconds(3), () =>
        {
            calls.Add(_clock.Now);
            return flag;
        });

        _clock.Advance(TimeSpan.FromSeconds(2));
        calls.Should().BeEmpty();
        deferred.AssertNoResult();
        _clock.Advance(TimeSpan.FromSeconds(1));

        calls.Should().Equal(TimeSpan.FromSeconds(3));
        deferred.SuccessResultOf().Should().BeSameAs(flag);
    }

    [Fact]
    public void DeferLater_WhenTheFunctionThrows_Fails()
    {
        var deferred = _clock.DeferLater(TimeSpan.FromSeconds(1), Fail);

        _clock.Advance(TimeSpan.FromSeconds(1));

        deferred.FailureResultOf(typeof(TestException));
    }

    [Fact]
    public void Cancel_BeforeTheDelay_CancelsTheCallSoTheFunctionNeverRuns()
    {
        var called = false;
        var deferred = _clock.DeferLater(TimeSpan.FromSeconds(1), () => called = true);

        deferred.Cancel();

        deferred.FailureResultOf(typeof(CancelledException));
        _clock.GetDelayedCalls().Should().BeEmpty();
        _clock.Advance(TimeSpan.FromSeconds(2));
        called.Should().BeFalse();
    }

    [Fact]
    public void DeferLater_WithoutAFunction_FiresWithNull()
    {
        var deferred = _clock.DeferLater(TimeSpan.FromSeconds(2));
        deferred.AssertNoResult();

        _clock.Advance(TimeSpan.FromSeconds(2));

        deferred.SuccessResultOf().Should().BeNull();
    }

    [Fact]
    public void DeferLater_WithAnAction_RunsItAndFiresWithNull()
    {
        int runs = 0;
        var deferred = _clock.DeferLater(TimeSpan.FromSeconds(1), () => { runs++; });

        _clock.Advance(TimeSpan.FromSeconds(1));

        runs.Should().Be(1);
        deferred.SuccessResultOf().Should().BeNull();
    }

    [Fact]
    public void DeferLater_WithAnActionThatThrows_Fails()
    {
        var deferred = _clock.DeferLater(TimeSpan.FromSeconds(1), (Action)(() => throw new TestException()));

        _clock.Advance(TimeSpan.FromSeconds(1));

        deferred.FailureResultOf(typeof(TestException));
    }

    [Fact]
    public void DeferLater_WithADeferredFunction_WaitsForItsDeferred_AndCancelReachesIt()
    {
        var inner = new Deferred<string>();
        var deferred = _clock.DeferLater(TimeSpan.FromSeconds(1), () => inner);
        _clock.Advance(TimeSpan.FromSeconds(1));
        deferred.AssertNoResult();

        deferred.Cancel();

        inner.Called.Should().BeTrue();
        deferred.FailureResultOf(typeof(CancelledException));
    }

    [Fact]
    public void DeferLater_WithANegativeDelay_Throws()
    {
        var act = () => _clock.DeferLater(TimeSpan.FromSeconds(-1), () => 1);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*-00:00:01*");
    }

    [Fact]
    public void DeferLater_RejectsNull()
    {
        FluentActions.Invoking(() => _clock.DeferLater(TimeSpan.Zero, (Func<int>)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => _clock.DeferLater(TimeSpan.Zero, (Func<Deferred<int>>)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => _clock.DeferLater(TimeSpan.Zero, (Action)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => DeferLaterExtensions.DeferLater(null!, TimeSpan.Zero)).Should().Throw<ArgumentNullException>();
    }

    private static int Fail() => throw new TestException();
}
