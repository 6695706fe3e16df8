using Trial.Deferreds;

namespace Trial.Tests.Deferreds;

public sealed class DeferredSemaphoreTests
{
    [Fact]
    public void Acquire_GivesOutTheTokensThenQueues()
    {
        var semaphore = new DeferredSemaphore(2);

        semaphore.Acquire().SuccessResultOf().Should().BeSameAs(semaphore);
        semaphore.Acquire().SuccessResultOf().Should().BeSameAs(semaphore);
        var third = semaphore.Acquire();

        third.AssertNoResult();
        semaphore.Tokens.Should().Be(0);
        semaphore.WaitingCount.Should().Be(1);
        semaphore.Release();
        third.SuccessResultOf().Should().BeSameAs(semaphore);
        semaphore.Tokens.Should().Be(0);
    }

    [Fact]
    public void Run_LimitsHowManyRunAtOnce()
    {
        var semaphore = new DeferredSemaphore(3);
        var works = Enumerable.Range(0, 10).Select(_ => new Deferred<int>()).ToList();
        int running = 0;
        var results = works.Select((work, i) => semaphore.Run(() =>
        {
            running++;
            return work.Then(x =>
            {
                running--;
                return x;
            });
        })).ToList();

        running.Should().Be(3);
        for (int i = 0; i < works.Count; i++)
        {
            works[i].Callback(i);
            running.Should().Be(Math.Min(3, works.Count - i - 1));
        }

        results.Select(r => r.SuccessResultOf()).Should().Equal(Enumerable.Range(0, 10));
        semaphore.Tokens.Should().Be(3);
    }

    [Fact]
    public void Run_WithAPlainFunction_ReleasesAfterwards()
    {
        var semaphore = new DeferredSemaphore(1);

        semaphore.Run(() => 5).SuccessResultOf().Should().Be(5);

        semaphore.Tokens.Should().Be(1);
    }

    [Fact]
    public void Constructor_WithLessThanOneToken_Throws()
    {
        var act = () => new DeferredSemaphore(0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*given 0*");
    }

    [Fact]
    public void Release_MoreThanAcquired_Throws()
    {
        var semaphore = new DeferredSemaphore(2);

        var act = () => semaphore.Release();

        act.Should().Throw<InvalidOperationException>().WithMessage("*all 2 tokens*");
    }

    [Fact]
    public void Cancel_AfterAcquired_DoesNothing()
    {
        var semaphore = new DeferredSemaphore(1);
        var acquired = semaphore.Acquire();

        acquired.Cancel();

        acquired.SuccessResultOf().Should().BeSameAs(semaphore);
        semaphore.Tokens.Should().Be(0);
    }

    [Fact]
    public void Cancel_BeforeAcquired_WithdrawsTheAcquisition()
    {
        var semaphore = new DeferredSemaphore(1);
        semaphore.Acquire();
        var waiting = semaphore.Acquire();

        waiting.Cancel();

        waiting.FailureResultOf(typeof(CancelledException));
        semaphore.Release();
        semaphore.Tokens.Should().Be(1);
    }

    [Fact]
    public void Run_RejectsNull()
    {
        var semaphore = new DeferredSemaphore(1);

        FluentActions.Invoking(() => semaphore.Run((Func<int>)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => semaphore.Run((Func<Deferred<int>>)null!)).Should().Throw<ArgumentNullException>();
    }
}
