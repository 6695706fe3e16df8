using Trial.Deferreds;
using Trial.Fakes.Time;

namespace Trial.Tests.Deferreds;

public sealed class DeferredFactoriesTests
{
    [Fact]
    public void Succeed_ReturnsAFiredDeferred()
    {
        var results = new List<object?>();

        Deferred.Succeed("success").AddCallback(r => { results.Add(r); return r; });

        results.Should().Equal("success");
    }

    [Fact]
    public void Fail_ReturnsAFailedDeferred()
    {
        Deferred.Fail<int>(new TestException("fail")).FailureResultOf(typeof(TestException)).Message.Should().Be("fail");
        var failure = new Failure(new TestException());
        Deferred.Fail<int>(failure).FailureResultOf().Should().BeSameAs(failure);
    }

    [Fact]
    public void Fail_RejectsNull()
    {
        var act = () => Deferred.Fail<int>((Exception)null!);

        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void MaybeDeferred_WithAValue_Succeeds()
    {
        Deferred.MaybeDeferred(() => 10).SuccessResultOf().Should().Be(10);
    }

    [Fact]
    public void MaybeDeferred_WithAThrow_Fails()
    {
        Deferred.MaybeDeferred(ThrowInt).FailureResultOf(typeof(TestException));
    }

    [Fact]
    public void MaybeDeferred_WithAFailureResult_Fails()
    {
        Deferred.MaybeDeferred<object?>(() => new Failure(new TestException())).FailureResultOf(typeof(TestException));
    }

    [Fact]
    public void MaybeDeferred_WithADeferred_ReturnsIt()
    {
        var inner = new Deferred<string>();

        var result = Deferred.MaybeDeferred(() => inner);

        result.Should().BeSameAs(inner);
    }

    [Fact]
    public void MaybeDeferred_WithADeferredThatThrows_Fails()
    {
        Deferred.MaybeDeferred<int>(() => (Deferred<int>)Throw()).FailureResultOf(typeof(TestException));
        Deferred.MaybeDeferred(() => (Deferred<int>)null!).FailureResultOf(typeof(InvalidOperationException));
    }

    [Fact]
    public void MaybeDeferred_WithADeferredOfTheSameType_ReturnsIt()
    {
        var inner = new Deferred<object?>();

        Deferred.MaybeDeferred<object?>(() => inner).Should().BeSameAs(inner);
    }

    [Fact]
    public void FromTask_WithTheDefaultSynchronizationContext_FiresOnTheCompletingThread()
    {
        var source = new TaskCompletionSource<int>();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(new SynchronizationContext());
        Deferred<int> deferred;
        try
        {
            deferred = Deferred.FromTask(source.Task);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        source.SetResult(3);

        deferred.SuccessResultOf().Should().Be(3);
    }

    [Fact]
    public void MaybeDeferred_WithAnUntypedDeferredResult_WaitsForIt()
    {
        var inner = new Deferred<int>();

        var result = Deferred.MaybeDeferred<object?>(() => inner);
        result.AssertNoResult();
        inner.Callback(8);

        result.SuccessResultOf().Should().Be(8);
    }

    [Fact]
    public async Task MaybeDeferred_WithATask_FiresWithItsResult()
    {
        (await Deferred.MaybeDeferred(() => Task.FromResult(4))).Should().Be(4);
        Deferred.MaybeDeferred(() => Task.FromException<int>(new TestException())).FailureResultOf(typeof(TestException));
        Deferred.MaybeDeferred(() => (Task<int>)Throw()).FailureResultOf(typeof(TestException));
    }

    [Fact]
    public void MaybeDeferred_WithAPlainTask_FiresWithNull()
    {
        Deferred.MaybeDeferred(() => Task.CompletedTask).SuccessResultOf().Should().BeNull();
        Deferred.MaybeDeferred(() => (Task)Throw()).FailureResultOf(typeof(TestException));
        Deferred.MaybeDeferred(() => Task.FromException(new TestException())).FailureResultOf(typeof(TestException));
    }

    [Fact]
    public void FromTask_OfACompletedTask_HasItsResultAtOnce()
    {
        Deferred.FromTask(Task.FromResult("done")).SuccessResultOf().Should().Be("done");
        Deferred.FromTask(Task.FromException<int>(new TestException())).FailureResultOf(typeof(TestException));
        Deferred.FromTask(Task.FromCanceled<int>(new CancellationToken(true))).FailureResultOf(typeof(TaskCanceledException));
    }

    [Fact]
    public void FromTask_OfAPendingTask_FiresOnTheClockWhenTheTaskCompletes()
    {
        var clock = new Clock();
        var source = new TaskCompletionSource<int>();
        Deferred<int>? deferred = null;
        clock.CallLater(TimeSpan.Zero, () => deferred = Deferred.FromTask(source.Task));
        clock.Advance(TimeSpan.Zero);
        deferred!.AssertNoResult();

        clock.CallLater(TimeSpan.FromSeconds(1), () => source.SetResult(6));
        clock.Advance(TimeSpan.FromSeconds(1));

        deferred!.SuccessResultOf().Should().Be(6);
    }

    [Fact]
    public void FromTask_Cancelled_FailsAndIgnoresTheTasksLaterOutcome()
    {
        var source = new TaskCompletionSource<int>();
        var deferred = WithoutContext(() => Deferred.FromTask(source.Task));

        deferred.Cancel();
        source.SetResult(1);

        deferred.FailureResultOf(typeof(CancelledException));
    }

    [Fact]
    public void FromTask_OfAPlainTask_FiresWithNullWhenItCompletes()
    {
        var source = new TaskCompletionSource();
        var deferred = WithoutContext(() => Deferred.FromTask(source.Task));
        deferred.AssertNoResult();

        source.SetResult();

        deferred.SuccessResultOf().Should().BeNull();
    }

    [Fact]
    public void FromTask_WithAToken_CancelsTheWorkWhenTheDeferredIsCancelled()
    {
        CancellationToken seen = default;
        var source = new TaskCompletionSource<int>();
        var deferred = WithoutContext(() => Deferred.FromTask(token =>
        {
            seen = token;
            token.Register(() => source.TrySetCanceled(token));
            return source.Task;
        }));

        deferred.Cancel();

        seen.IsCancellationRequested.Should().BeTrue();
        deferred.FailureResultOf(typeof(OperationCanceledException));
    }

    [Fact]
    public void FromTask_WithAToken_FiresWithTheWorksResult()
    {
        var deferred = Deferred.FromTask(_ => Task.FromResult("work"));

        deferred.SuccessResultOf().Should().Be("work");
    }

    [Fact]
    public void FromTask_WithAToken_ThatThrowsWhileStarting_Fails()
    {
        var deferred = Deferred.FromTask<int>(_ => throw new TestException());

        deferred.FailureResultOf(typeof(TestException));
    }

    [Fact]
    public void AsyncMethod_AwaitingDeferreds_IsTheFormOfInlineCallbacks()
    {
        // Everything happens in the clock's timers, which run with no synchronization context: each await
        // resumes inline when its deferred fires, whatever context the test's own thread has (xunit's posts).
        var clock = new Clock();
        var first = new Deferred<int>();
        var second = new Deferred<int>();
        Deferred<int>? result = null;
        clock.CallLater(TimeSpan.Zero, () => result = Deferred.FromTask(Sum()));
        clock.CallLater(TimeSpan.FromSeconds(1), () => first.Callback(1));
        clock.CallLater(TimeSpan.FromSeconds(2), () => second.Callback(2));
        var resolvedAt = TimeSpan.MinValue;

        clock.Advance(TimeSpan.FromSeconds(1));
        var started = result!;
        started.AssertNoResult();
        var observed = started.Then(value =>
        {
            resolvedAt = clock.Now;
            return value;
        });
        clock.Advance(TimeSpan.FromSeconds(1));

        resolvedAt.Should().Be(TimeSpan.FromSeconds(2), "the sum resolves inside the call that fired the second deferred");
        observed.SuccessResultOf().Should().Be(3);

        async Task<int> Sum() => await first + await second;
    }

    [Fact]
    public void Factories_RejectNull()
    {
        var acts = new Action[]
        {
            () => Deferred.FromTask((Task<int>)null!),
            () => Deferred.FromTask((Task)null!),
            () => Deferred.FromTask((Func<CancellationToken, Task<int>>)null!),
            () => Deferred.MaybeDeferred((Func<int>)null!),
            () => Deferred.MaybeDeferred((Func<Deferred<int>>)null!),
            () => Deferred.MaybeDeferred((Func<Task<int>>)null!),
            () => Deferred.MaybeDeferred((Func<Task>)null!),
        };

        foreach (var act in acts)
        {
            act.Should().Throw<ArgumentNullException>();
        }
    }

    private static object Throw() => throw new TestException();

    private static int ThrowInt() => throw new TestException();

    private static T WithoutContext<T>(Func<T> body)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return body();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }
}
