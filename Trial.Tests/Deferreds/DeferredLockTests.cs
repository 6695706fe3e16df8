using Trial.Deferreds;

namespace Trial.Tests.Deferreds;

public sealed class DeferredLockTests
{
    private readonly DeferredLock _lock = new();

    [Fact]
    public void Acquire_WhenFree_FiresAtOnceWithTheLock()
    {
        _lock.Acquire().SuccessResultOf().Should().BeSameAs(_lock);
        _lock.Locked.Should().BeTrue();
    }

    [Fact]
    public void Acquire_WhenLocked_WaitsForRelease_InOrder()
    {
        _lock.Acquire();
        var second = _lock.Acquire();
        var third = _lock.Acquire();
        second.AssertNoResult();
        _lock.WaitingCount.Should().Be(2);

        _lock.Release();
        second.SuccessResultOf().Should().BeSameAs(_lock);
        third.AssertNoResult();
        _lock.Release();

        third.SuccessResultOf().Should().BeSameAs(_lock);
        _lock.Release();
        _lock.Locked.Should().BeFalse();
    }

    [Fact]
    public void Release_WhenUnlocked_Throws()
    {
        var act = () => _lock.Release();

        act.Should().Throw<InvalidOperationException>().WithMessage("*not locked*");
    }

    [Fact]
    public void Run_HoldsTheLockUntilTheFunctionsDeferredFires()
    {
        var work = new Deferred<string>();
        var result = _lock.Run(() => work);
        _lock.Locked.Should().BeTrue();
        var next = _lock.Run(() => "next");
        next.AssertNoResult();

        work.Callback("done");

        result.SuccessResultOf().Should().Be("done");
        next.SuccessResultOf().Should().Be("next");
        _lock.Locked.Should().BeFalse();
    }

    [Fact]
    public void Run_ReleasesTheLockWhenTheFunctionThrows()
    {
        var result = _lock.Run(Fail);

        result.FailureResultOf(typeof(TestException));
        _lock.Locked.Should().BeFalse();
    }

    [Fact]
    public void Cancel_AfterAcquired_DoesNothing()
    {
        var acquired = _lock.Acquire();

        acquired.Cancel();

        acquired.SuccessResultOf().Should().BeSameAs(_lock);
        _lock.Locked.Should().BeTrue();
    }

    [Fact]
    public void Cancel_BeforeAcquired_WithdrawsTheAcquisition()
    {
        _lock.Acquire();
        var waiting = _lock.Acquire();

        waiting.Cancel();

        waiting.FailureResultOf(typeof(CancelledException));
        _lock.WaitingCount.Should().Be(0);
        _lock.Release();
        _lock.Locked.Should().BeFalse();
    }

    private static int Fail() => throw new TestException();

    [Fact]
    public void Run_RejectsNull()
    {
        FluentActions.Invoking(() => _lock.Run((Func<int>)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => _lock.Run((Func<Deferred<int>>)null!)).Should().Throw<ArgumentNullException>();
    }
}
