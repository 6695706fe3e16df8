using Trial.Fakes.Time;
using Trial.Time;

namespace Trial.Tests.Fakes.Time;

/// <summary>What the clock promises other threads: timers from anywhere, and one advancing thread at a time.</summary>
public sealed class ClockThreadSafetyTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(30);

    [Fact]
    public void TimersCreatedChangedAndDisposedOnFourThreadsWhileAnotherAdvances_NeitherThrowNorMiscount()
    {
        const int Workers = 4;
        const int TimersPerWorker = 3000;
        const int KeptEvery = 10;
        var clock = new Clock();
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var kept = new System.Collections.Concurrent.ConcurrentQueue<ITimer>();
        int fired = 0;
        int workersDone = 0;
        int minimumSeen = int.MaxValue;

        void Work(int seed)
        {
            try
            {
                var random = new Random(seed);
                for (int i = 0; i < TimersPerWorker; i++)
                {
                    var timer = clock.TimeProvider.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromMilliseconds(random.Next(5)), Timeout.InfiniteTimeSpan);
                    timer.Change(TimeSpan.FromMilliseconds(random.Next(5)), TimeSpan.FromMilliseconds(random.Next(3)));
                    var call = clock.CallLater(TimeSpan.FromMilliseconds(random.Next(5)), () => { });
                    if (random.Next(2) == 0)
                    {
                        _ = Record.Exception(call.Cancel); // It may have run already: that is AlreadyCalled, not a corrupt queue.
                    }

                    if (i % KeptEvery == 0)
                    {
                        // Far beyond every advance: it stays pending, and is counted at the end.
                        timer.Change(TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);
                        kept.Enqueue(timer);
                    }
                    else
                    {
                        timer.Dispose();
                    }
                }
            }
            catch (Exception e)
            {
                errors.Enqueue(e);
            }
            finally
            {
                Interlocked.Increment(ref workersDone);
            }
        }

        var advancer = new Thread(() =>
        {
            try
            {
                while (Volatile.Read(ref workersDone) < Workers)
                {
                    clock.Advance(TimeSpan.FromMilliseconds(1));
                    minimumSeen = Math.Min(minimumSeen, clock.PendingCallCount);
                }
            }
            catch (Exception e)
            {
                errors.Enqueue(e);
            }
        });
        var workers = Enumerable.Range(1, Workers).Select(seed => new Thread(() => Work(seed))).ToList();
        advancer.Start();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join(Bounded).Should().BeTrue());
        advancer.Join(Bounded).Should().BeTrue();

        errors.Should().BeEmpty();
        minimumSeen.Should().BeGreaterThanOrEqualTo(0);
        clock.Advance(TimeSpan.FromMinutes(1));
        clock.PendingCallCount.Should().Be(Workers * TimersPerWorker / KeptEvery, "only the kept timers are pending, each exactly once");
        clock.GetDelayedCalls().Should().HaveCount(clock.PendingCallCount);
        GC.KeepAlive(kept);
    }

    [Fact]
    public void Advance_FromASecondThreadWhileACallbackRuns_SaysThatAnotherThreadIsRunningIt()
    {
        var clock = new Clock();
        using var inCallback = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        clock.CallLater(TimeSpan.FromSeconds(1), () =>
        {
            inCallback.Set();
            release.Wait(Bounded);
        });
        Exception? error = null;
        var other = new Thread(() =>
        {
            inCallback.Wait(Bounded);
            error = Record.Exception(() => clock.Advance(TimeSpan.FromSeconds(1)));
            release.Set();
        });
        other.Start();

        clock.Advance(TimeSpan.FromSeconds(1));
        other.Join(Bounded).Should().BeTrue();

        error.Should().BeOfType<InvalidOperationException>()
            .Which.Message.Should().Match("*from thread*while thread*is running it*").And.NotContain("inside one of its own calls");
        clock.Now.Should().Be(TimeSpan.FromSeconds(1), "the refused advance moved nothing");
    }

    [Fact]
    public void CallLater_FromAnotherThreadWhileTheClockAdvances_RunsInThatAdvance()
    {
        var clock = new Clock();
        var ranAt = TimeSpan.MinValue;
        clock.CallLater(TimeSpan.FromSeconds(1), () =>
        {
            var helper = new Thread(() => clock.CallLater(TimeSpan.FromMilliseconds(500), () => ranAt = clock.Now));
            helper.Start();
            helper.Join(Bounded).Should().BeTrue();
        });

        clock.Advance(TimeSpan.FromSeconds(2));

        ranAt.Should().Be(TimeSpan.FromMilliseconds(1500));
        clock.PendingCallCount.Should().Be(0);
    }

    [Fact]
    public void Runaway_LeavesTheCallThatTrippedTheBoundPendingAndNamesTheLastThatRan()
    {
        var clock = new Clock { MaxCallsPerInstant = 3 };
        int runs = 0;
        void Spin()
        {
            runs++;
            clock.CallLater(TimeSpan.Zero, Spin);
        }

        clock.CallLater(TimeSpan.Zero, Spin);

        var act = () => clock.Advance(TimeSpan.FromSeconds(1));

        act.Should().Throw<RunawayCallException>().WithMessage($"*3*last that ran was*{nameof(Spin)}*");
        runs.Should().Be(3);
        var pending = clock.GetDelayedCalls().Should().ContainSingle().Subject;
        pending.Active.Should().BeTrue();
        pending.Called.Should().BeFalse();
    }

    [Fact]
    public void Runaway_OfPostedWork_KeepsTheItemThatTrippedTheBoundQueued()
    {
        var clock = new Clock { MaxCallsPerInstant = 3 };
        int runs = 0;
        void Repost()
        {
            runs++;
            clock.SynchronizationContext.Post(_ => Repost(), null);
        }

        clock.SynchronizationContext.Post(_ => Repost(), null);

        var act = () => clock.Advance(TimeSpan.Zero);

        act.Should().Throw<RunawayCallException>();
        runs.Should().Be(3);
        clock.Ready.Count.Should().Be(1, "the item that tripped the bound is still queued, not dropped");
    }
}
