using Trial.Deferreds;
using Trial.Fakes.Time;

namespace Trial.Tests.Deferreds;

public sealed class DeferredOfTInteropTests
{
    private static readonly TimeSpan Ten = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Fifteen = TimeSpan.FromSeconds(15);
    private readonly Clock _clock = new();

    [Fact]
    public void AddTimeout_ReturnsTheSameDeferred()
    {
        var deferred = new Deferred<int>();

        deferred.AddTimeout(Ten, _clock).Should().BeSameAs(deferred);
        deferred.Cancel();
        deferred.FailureResultOf();
    }

    [Fact]
    public void AddTimeout_ResultBeforeTimeout_KeepsTheResultAndCancelsTheTimer()
    {
        var deferred = new Deferred<string>();
        deferred.AddTimeout(Ten, _clock);
        _clock.PendingCallCount.Should().Be(1);

        deferred.Callback("ok");
        _clock.Advance(Fifteen);

        deferred.SuccessResultOf().Should().Be("ok");
        _clock.PendingCallCount.Should().Be(0);
    }

    [Fact]
    public void AddTimeout_ResultBeforeTimeout_DoesNotRunTheCustomTranslation()
    {
        var custom = false;
        var deferred = new Deferred<string>();
        deferred.AddTimeout(Ten, _clock, (value, _) =>
        {
            custom = true;
            return value;
        });

        deferred.Callback("ok");
        _clock.Advance(Fifteen);

        custom.Should().BeFalse();
        deferred.SuccessResultOf().Should().Be("ok");
    }

    [Fact]
    public void AddTimeout_FailureBeforeTimeout_KeepsTheFailure()
    {
        var deferred = new Deferred<string>();
        deferred.AddTimeout(Ten, _clock);

        deferred.Errback(new TestException());
        _clock.Advance(Fifteen);

        deferred.FailureResultOf(typeof(TestException));
        _clock.PendingCallCount.Should().Be(0);
    }

    [Fact]
    public void AddTimeout_WhenTimeRunsOut_FailsWithTimeoutException()
    {
        var deferred = new Deferred<string>();
        deferred.AddTimeout(Ten, _clock);

        _clock.Advance(TimeSpan.FromSeconds(9));
        deferred.AssertNoResult();
        _clock.Advance(TimeSpan.FromSeconds(1));

        var exception = (DeferredTimeoutException)deferred.FailureResultOf(typeof(DeferredTimeoutException)).Exception;
        exception.Timeout.Should().Be(Ten);
        exception.Message.Should().Contain("00:00:10");
        exception.InnerException.Should().BeOfType<CancelledException>();
    }

    [Fact]
    public void AddTimeout_WhenTimeRunsOut_UsesTheCustomTranslation()
    {
        var deferred = new Deferred<object?>();
        deferred.AddTimeout(Ten, _clock, (value, timeout) => $"OVERRIDDEN after {timeout.TotalSeconds}s, {((Failure)value!).Type.Name}");

        _clock.Advance(Fifteen);

        deferred.SuccessResultOf().Should().Be("OVERRIDDEN after 10s, CancelledException");
    }

    [Fact]
    public void AddTimeout_WithACancellerThatCallsBack_KeepsThatResult()
    {
        var deferred = new Deferred<string>(d => d.Callback("I was cancelled!"));
        deferred.AddTimeout(Ten, _clock);

        _clock.Advance(Fifteen);

        deferred.SuccessResultOf().Should().Be("I was cancelled!");
    }

    [Fact]
    public void AddTimeout_WithACancellerThatErrbacks_KeepsThatFailure()
    {
        var deferred = new Deferred<string>(d => d.Errback(new ArgumentException("cancelled")));
        deferred.AddTimeout(Ten, _clock);

        _clock.Advance(Fifteen);

        deferred.FailureResultOf(typeof(ArgumentException));
    }

    [Fact]
    public void Cancel_BeforeTheTimeout_FailsWithCancelledAndStopsTheTimer()
    {
        var custom = false;
        var deferred = new Deferred<string>();
        deferred.AddTimeout(Ten, _clock, (value, _) =>
        {
            custom = true;
            return value;
        });

        deferred.Cancel();
        _clock.Advance(Fifteen);

        deferred.FailureResultOf(typeof(CancelledException)).Should().NotBeOfType<DeferredTimeoutException>();
        custom.Should().BeFalse();
        _clock.PendingCallCount.Should().Be(0);
    }

    [Fact]
    public void AddTimeout_ErrbackAddedBefore_SeesTheCancellation()
    {
        Failure? seen = null;
        var deferred = new Deferred<object?>();
        deferred.AddErrback(f =>
        {
            seen = f;
            return f;
        });
        deferred.AddTimeout(Ten, _clock);

        _clock.Advance(Fifteen);

        seen!.Exception.Should().BeOfType<CancelledException>();
        deferred.FailureResultOf(typeof(DeferredTimeoutException));
    }

    [Fact]
    public void AddTimeout_ErrbackAddedBefore_CanSuppressTheCancellation()
    {
        var deferred = new Deferred<object?>();
        deferred.AddErrback(f => f.Trap<CancelledException>() is null ? f : "suppressed");
        deferred.AddTimeout(Ten, _clock);

        _clock.Advance(Fifteen);

        deferred.SuccessResultOf().Should().Be("suppressed");
    }

    [Fact]
    public void AddTimeout_WhileWaitingOnAnInnerDeferred_CancelsTheInnerOne()
    {
        var inner = new Deferred<string>();
        var deferred = Deferred.Succeed(1).Then(_ => inner);
        deferred.AddTimeout(Ten, _clock);

        _clock.Advance(Ten);

        inner.Called.Should().BeTrue();
        deferred.FailureResultOf(typeof(DeferredTimeoutException));
    }

    [Fact]
    public void AddTimeout_WithANegativeTimeout_Throws()
    {
        var act = () => new Deferred<int>().AddTimeout(TimeSpan.FromSeconds(-1), _clock);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*-00:00:01*");
    }

    [Fact]
    public void Chain_FiresTheOtherDeferredWithTheResultAndLeavesNull()
    {
        var first = new Deferred<int>();
        var second = new Deferred<int>();

        var untyped = first.Chain(second);
        first.Callback(7);

        second.SuccessResultOf().Should().Be(7);
        untyped.SuccessResultOf().Should().BeNull();
    }

    [Fact]
    public void Chain_FiresTheOtherDeferredWithTheFailure()
    {
        var first = new Deferred<int>();
        var second = new Deferred<int>();
        first.Chain(second);

        first.Errback(new TestException());

        second.FailureResultOf(typeof(TestException));
    }

    [Fact]
    public void Chain_OfManyDeferreds_RunsWithoutGrowingTheStack()
    {
        int shortChain = StackDepthAtEndOfChain(10);
        int longChain = StackDepthAtEndOfChain(2_000);

        longChain.Should().BeLessThan(shortChain + 20, "a chain of chained deferreds must fire iteratively, not once per link");
    }

    [Fact]
    public void Chain_OfAHundredThousandDeferreds_DeliversTheResultToTheLast()
    {
        var deferreds = Enumerable.Range(0, 100_000).Select(_ => new Deferred<int>()).ToList();
        Deferred<object?>? untyped = null;
        for (int i = 0; i < deferreds.Count - 1; i++)
        {
            untyped = deferreds[i].Chain(deferreds[i + 1]);
        }

        deferreds[0].Callback(42);

        deferreds[^1].SuccessResultOf().Should().Be(42);
        untyped!.SuccessResultOf().Should().BeNull();
    }

    [Fact]
    public void Chain_ThenMoreCallbacks_RunAfterTheOtherDeferredsChainWithNull()
    {
        var order = new List<string>();
        var first = new Deferred<int>();
        var second = new Deferred<int>();
        second.AddCallback(value =>
        {
            order.Add($"second {value}");
            return value;
        });
        var untyped = first.Chain(second);
        untyped.AddCallback(value =>
        {
            order.Add($"first {value?.ToString() ?? "null"}");
            return value;
        });

        first.Callback(5);

        order.Should().Equal("second 5", "first null");
    }

    [Fact]
    public void Chain_ToADeferredThatAlreadyFired_FailsThisChainWithAlreadyCalled()
    {
        var first = new Deferred<int>();
        var second = new Deferred<int>();
        second.Callback(1);
        var untyped = first.Chain(second);

        first.Callback(2);

        untyped.FailureResultOf(typeof(Trial.Time.AlreadyCalledException));
        second.SuccessResultOf().Should().Be(1);
    }

    [Fact]
    public void Chain_ToAPausedDeferred_ResumesItsRestWhenUnpaused()
    {
        var first = new Deferred<int>();
        var second = new Deferred<int>();
        var third = new Deferred<int>();
        second.Pause();
        first.Chain(second);
        second.Chain(third);

        first.Callback(9);
        third.AssertNoResult();
        second.Unpause();

        third.SuccessResultOf().Should().Be(9);
    }

    [Fact]
    public void Chain_ToItself_IsRejected()
    {
        var deferred = new Deferred<int>();

        var act = () => deferred.Chain(deferred);

        act.Should().Throw<ArgumentException>().WithMessage("*itself*");
    }

    [Fact]
    public async Task AsTask_CompletesWithTheResult()
    {
        var deferred = new Deferred<int>();
        var task = deferred.AsTask();
        task.IsCompleted.Should().BeFalse();

        deferred.Callback(3);

        task.IsCompletedSuccessfully.Should().BeTrue();
        (await task).Should().Be(3);
        deferred.SuccessResultOf().Should().Be(3);
    }

    [Fact]
    public void AsTask_FaultsWithTheFailure()
    {
        var exception = new TestException();

        var task = Deferred.Fail<int>(exception).AsTask();

        task.Exception!.InnerException.Should().BeSameAs(exception);
    }

    [Fact]
    public void AsTask_OfACancelledDeferred_FaultsWithAnOperationCanceledException()
    {
        var deferred = new Deferred<int>();
        var task = deferred.AsTask();

        deferred.Cancel();

        task.Exception!.InnerException.Should().BeOfType<CancelledException>().And.BeAssignableTo<OperationCanceledException>();
    }

    [Fact]
    public void AsTask_OfAResultOfTheWrongType_Faults()
    {
        var deferred = Deferred.Succeed(1);
        deferred.AddCallback(_ => "one");

        var task = deferred.AsTask();

        task.Exception!.InnerException.Should().BeOfType<InvalidCastException>();
    }

    private static int StackDepthAtEndOfChain(int length)
    {
        int depth = -1;
        var deferreds = Enumerable.Range(0, length).Select(_ => new Deferred<int>()).ToList();
        for (int i = 0; i < length - 1; i++)
        {
            deferreds[i].Chain(deferreds[i + 1]);
        }

        deferreds[^1].AddCallback(value =>
        {
            depth = new System.Diagnostics.StackTrace().FrameCount;
            return value;
        });
        deferreds[0].Callback(1);
        return depth;
    }
}
