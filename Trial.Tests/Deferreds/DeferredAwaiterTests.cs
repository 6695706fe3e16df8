using Trial.Deferreds;
using Trial.Fakes.Time;

namespace Trial.Tests.Deferreds;

public sealed class DeferredAwaiterTests
{
    [Fact]
    public async Task Await_AFiredDeferred_ContinuesAtOnceWithTheResult()
    {
        var deferred = Deferred.Succeed(5);

        deferred.GetAwaiter().IsCompleted.Should().BeTrue();
        (await deferred).Should().Be(5);
    }

    [Fact]
    public void Await_OnAClocksContext_ContinuesOnTheClockAfterTheFiringCall()
    {
        var clock = new Clock();
        var deferred = new Deferred<int>();
        var log = new List<string>();
        Task? consumer = null;
        // Started as posted work, the consumer runs on the clock's context (a timer callback runs with none).
        clock.SynchronizationContext.Post(_ => consumer = Consume(), null);
        clock.Advance(TimeSpan.Zero);
        log.Should().Equal("before");

        clock.CallLater(TimeSpan.FromSeconds(1), () =>
        {
            deferred.Callback(5);
            log.Add("fired");
        });
        clock.Advance(TimeSpan.FromSeconds(1));

        log.Should().Equal("before", "fired", "after 5 at 00:00:01");
        consumer!.IsCompletedSuccessfully.Should().BeTrue();

        async Task Consume()
        {
            log.Add("before");
            int value = await deferred;
            log.Add($"after {value} at {clock.Now}");
        }
    }

    [Fact]
    public void Await_WithoutASynchronizationContext_ContinuesInlineWhenFired()
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            var deferred = new Deferred<string>();
            var log = new List<string>();
            var consumer = Consume(deferred, log);

            deferred.Callback("x");
            log.Add("after callback");

            log.Should().Equal("got x", "after callback");
            consumer.IsCompletedSuccessfully.Should().BeTrue();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    [Fact]
    public void Await_WithTheDefaultSynchronizationContext_DoesNotPostToTheThreadPool()
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(new SynchronizationContext());
        try
        {
            var deferred = new Deferred<string>();
            var log = new List<string>();
            var consumer = Consume(deferred, log);

            deferred.Callback("y");

            log.Should().Equal("got y");
            consumer.IsCompletedSuccessfully.Should().BeTrue();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    [Fact]
    public async Task Await_AFailedDeferred_RethrowsTheOriginalExceptionWithItsStack()
    {
        var deferred = new Deferred<int>();
        _ = deferred.AddCallback(_ => Thrower());
        deferred.Callback(1);

        var act = async () => await deferred;

        var thrown = (await act.Should().ThrowAsync<TestException>()).Which;
        thrown.StackTrace.Should().Contain(nameof(Thrower));
    }

    [Fact]
    public void Await_ADeferredThatFailsLater_ThrowsInTheAwaitingCode()
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            var deferred = new Deferred<string>();
            var log = new List<string>();
            var consumer = Consume(deferred, log);

            deferred.Errback(new TestException("later"));

            consumer.Exception!.InnerException.Should().BeOfType<TestException>().Which.Message.Should().Be("later");
            log.Should().BeEmpty();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    [Fact]
    public async Task Await_Twice_GivesTheSameResultBothTimes()
    {
        var deferred = Deferred.Succeed("same");

        (await deferred).Should().Be("same");
        (await deferred).Should().Be("same");
    }

    [Fact]
    public void GetResult_BeforeTheResult_Throws()
    {
        var awaiter = new Deferred<int>().GetAwaiter();

        var act = () => awaiter.GetResult();

        awaiter.IsCompleted.Should().BeFalse();
        act.Should().Throw<InvalidOperationException>().WithMessage("*no result yet*");
    }

    [Fact]
    public void OnCompleted_FlowsTheExecutionContextCapturedWhenRegistering()
    {
        var local = new AsyncLocal<string>();
        var deferred = new Deferred<int>();
        string? safe = null;
        string? @unsafe = null;
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            local.Value = "registered";
            deferred.GetAwaiter().OnCompleted(() => safe = local.Value);
            deferred.GetAwaiter().UnsafeOnCompleted(() => @unsafe = local.Value);
            local.Value = "fired";

            deferred.Callback(1);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        safe.Should().Be("registered");
        @unsafe.Should().Be("fired");
    }

    [Fact]
    public void Awaiter_RegisteredWhilePending_ReadsTheResultItWasGiven()
    {
        var deferred = new Deferred<int>();
        var awaiter = deferred.GetAwaiter();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            awaiter.UnsafeOnCompleted(() => { });
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        deferred.Callback(1);
        deferred.AddCallback(x => (int)x! + 100);

        awaiter.IsCompleted.Should().BeTrue();
#pragma warning disable xUnit1031 // A deferred's awaiter, not a task's: it never blocks.
        awaiter.GetResult().Should().Be(1);
#pragma warning restore xUnit1031
    }

    private static async Task Consume(Deferred<string> deferred, List<string> log)
    {
        string value = await deferred;
        log.Add($"got {value}");
    }

    private static object Thrower() => throw new TestException("from a callback");
}
