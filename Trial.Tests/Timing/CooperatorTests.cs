using System.Collections;
using Trial.Deferreds;
using Trial.Fakes.Time;
using Trial.Time;
using Trial.Tests.Deferreds;
using Trial.Timing;

namespace Trial.Tests.Timing;

public sealed class CooperatorTests
{
    private readonly Clock _clock = new();

    [Fact]
    public void Coiterate_RunsTheIteratorToTheEndOnTheClock()
    {
        var cooperator = new Cooperator(_clock);
        var seen = new List<int>();
        var iterator = Count(5, seen).GetEnumerator();

        var done = cooperator.Coiterate(iterator);
        seen.Should().BeEmpty();
        _clock.Advance(TimeSpan.Zero);

        seen.Should().Equal(0, 1, 2, 3, 4);
        done.SuccessResultOf().Should().BeSameAs(iterator);
        _clock.PendingCallCount.Should().Be(0);
    }

    [Fact]
    public void Cooperation_InterleavesTheTasks()
    {
        var cooperator = new Cooperator(_clock);
        var seen = new List<object>();
        var groups = new object[][] { ["a", "b", "c"], [1, 2, 3], ["d", "e", "f"], [4, 5, 6] };

        var all = Deferred.GatherResults(groups.Select(g => cooperator.Coiterate(Record(g, seen))));
        _clock.Advance(TimeSpan.Zero);

        all.SuccessResultOf().Should().HaveCount(4);
        seen.Should().Equal("a", 1, "d", 4, "b", 2, "e", 5, "c", 3, "f", 6);
    }

    [Fact]
    public void DefaultTick_EndsAfterTheWorkUnitBound_SoAnEndlessTaskSharesTheClock()
    {
        var cooperator = new Cooperator(_clock);
        int units = 0;
        var task = cooperator.Cooperate(Forever(() => units++));
        var other = _clock.CallLater(TimeSpan.Zero, () => units.Should().Be(Cooperator.DefaultMaxWorkUnitsPerTick));
        _clock.MaxCallsPerInstant = 3;

        var act = () => _clock.Advance(TimeSpan.Zero);

        act.Should().Throw<RunawayCallException>();
        other.Called.Should().BeTrue();
        units.Should().Be(2 * Cooperator.DefaultMaxWorkUnitsPerTick);
        task.Stop();
    }

    [Fact]
    public void TimeSlice_EndsATickWhenReactorTimeMovesPastTheSlice()
    {
        var predicate = Cooperator.TimeSlice(_clock, TimeSpan.FromMilliseconds(10), 100)();

        predicate().Should().BeFalse();
        _clock.Advance(TimeSpan.FromMilliseconds(10));
        predicate().Should().BeTrue();
    }

    [Fact]
    public void TimeSlice_EndsATickAfterTheWorkUnitBound()
    {
        var predicate = Cooperator.TimeSlice(_clock, TimeSpan.FromSeconds(1), 2)();

        predicate().Should().BeFalse();
        predicate().Should().BeTrue();
        FluentActions.Invoking(() => Cooperator.TimeSlice(_clock, TimeSpan.Zero, 0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*was 0*");
    }

    [Fact]
    public void Stop_RejectsNewTasks()
    {
        var cooperator = new Cooperator(_clock);
        cooperator.Stop();

        var done = cooperator.Coiterate(Array.Empty<int>());

        done.FailureResultOf(typeof(SchedulerStoppedException));
        cooperator.Running.Should().BeFalse();
    }

    [Fact]
    public void Stop_StopsARunningIteratorBeforeItAdvances()
    {
        var cooperator = new Cooperator(_clock);
        var seen = new List<int>();
        var done = cooperator.Coiterate(Count(3, seen));

        cooperator.Stop();
        _clock.Advance(TimeSpan.Zero);

        done.FailureResultOf(typeof(SchedulerStoppedException));
        seen.Should().BeEmpty();
        _clock.PendingCallCount.Should().Be(0);
    }

    [Fact]
    public void Stop_FailsATaskWaitingOnADeferred_AndItsLaterResultIsConsumed()
    {
        var cooperator = new Cooperator(_clock);
        var outstanding = new Deferred<string>();
        bool resumed = false;
        var done = cooperator.Coiterate(YieldThen(outstanding, () => resumed = true));
        _clock.Advance(TimeSpan.Zero);

        cooperator.Stop();
        outstanding.Callback("arglebargle");
        _clock.Advance(TimeSpan.Zero);

        done.FailureResultOf(typeof(SchedulerStoppedException));
        resumed.Should().BeFalse();
        outstanding.AddCallback(r => r).SuccessResultOf().Should().BeNull();
    }

    [Fact]
    public void IteratorThatThrows_FailsTheTask()
    {
        var cooperator = new Cooperator(_clock);

        var done = cooperator.Coiterate(Throwing());
        _clock.Advance(TimeSpan.Zero);

        done.FailureResultOf(typeof(TestException));
    }

    [Fact]
    public void YieldedDeferredThatFailsLater_FailsTheTask()
    {
        var cooperator = new Cooperator(_clock);
        var later = _clock.DeferLater(TimeSpan.FromSeconds(1), Fail);

        var done = cooperator.Coiterate(new object[] { later });
        _clock.Advance(TimeSpan.Zero);
        done.AssertNoResult();
        _clock.Advance(TimeSpan.FromSeconds(1));

        done.FailureResultOf(typeof(TestException));
    }

    [Fact]
    public void YieldedDeferredThatAlreadyFailed_FailsTheTask()
    {
        var cooperator = new Cooperator(_clock);

        var done = cooperator.Coiterate(new object[] { Deferred.Fail<int>(new TestException()) });
        _clock.Advance(TimeSpan.Zero);

        done.FailureResultOf(typeof(TestException));
    }

    [Fact]
    public void TerminationPredicate_EndsTheTick()
    {
        var scheduler = new FakeScheduler();
        var output = new List<int>();
        bool stopped = false;
        var cooperator = new Cooperator(scheduler.Schedule, () => () => stopped);
        cooperator.Coiterate(Enumerable.Range(0, 100).Select(i =>
        {
            output.Add(i);
            stopped = i == 9;
            return i;
        })).AddErrback(f => f.Trap<SchedulerStoppedException>());

        scheduler.Pump();
        cooperator.Stop();

        output.Should().Equal(Enumerable.Range(0, 10));
    }

    [Fact]
    public void CoiterateFromACallbackOfAnother_SchedulesOnlyOneTickAtATime()
    {
        var scheduler = new FakeScheduler();
        var cooperator = new Cooperator(
            action =>
            {
                scheduler.Count.Should().Be(0);
                return scheduler.Schedule(action);
            },
            () => () => true);
        var done = new List<object?>();
        cooperator.Coiterate(Array.Empty<int>()).AddCallback(_ => cooperator.Coiterate(Array.Empty<int>()).AddBoth(r =>
        {
            done.Add(r);
            return null;
        }));

        for (int work = 0; done.Count == 0; work++)
        {
            work.Should().BeLessThan(50);
            scheduler.Pump();
        }

        done.Should().ContainSingle();
    }

    [Fact]
    public void RemovingTheLastTask_CancelsTheScheduledTick()
    {
        var scheduler = new FakeScheduler();
        var cooperator = new Cooperator(scheduler.Schedule, () => () => true);
        var task1 = cooperator.Cooperate(new[] { 1, 2 });
        var task2 = cooperator.Cooperate(new[] { 1, 2 });
        scheduler.Count.Should().Be(1);
        var tick = scheduler.Work[0];

        task1.Stop();
        tick.Cancelled.Should().BeFalse();
        task2.Stop();
        tick.Cancelled.Should().BeTrue();
        cooperator.Cooperate(new[] { 1, 2 });

        scheduler.Work.Should().HaveCount(2);
        scheduler.Work[1].Cancelled.Should().BeFalse();
        task1.WhenDone().FailureResultOf(typeof(TaskFinishedException));
        task2.WhenDone().FailureResultOf(typeof(TaskFinishedException));
    }

    [Fact]
    public void Running_FollowsStartAndStop()
    {
        new Cooperator(_clock).Running.Should().BeTrue();
        var cooperator = new Cooperator(_clock, started: false);
        cooperator.Running.Should().BeFalse();

        cooperator.Start();
        cooperator.Running.Should().BeTrue();
        cooperator.Stop();

        cooperator.Running.Should().BeFalse();
    }

    [Fact]
    public void NotStarted_QueuesTasksUntilStart()
    {
        var cooperator = new Cooperator(_clock, started: false);
        var seen = new List<int>();
        var done = cooperator.Coiterate(Count(2, seen));
        _clock.Advance(TimeSpan.Zero);
        seen.Should().BeEmpty();
        _clock.PendingCallCount.Should().Be(0);

        cooperator.Start();
        _clock.Advance(TimeSpan.Zero);

        seen.Should().Equal(0, 1);
        done.SuccessResultOf().Should().NotBeNull();
    }

    [Fact]
    public void Constructors_RejectNull()
    {
        FluentActions.Invoking(() => new Cooperator(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new Cooperator(null!, () => () => true)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new Cooperator(new FakeScheduler().Schedule, null!)).Should().Throw<ArgumentNullException>();
        var cooperator = new Cooperator(_clock);
        FluentActions.Invoking(() => cooperator.Cooperate((IEnumerator)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => cooperator.Cooperate((IEnumerable)null!)).Should().Throw<ArgumentNullException>();
    }

    private static IEnumerable<int> Count(int n, List<int> seen)
    {
        for (int i = 0; i < n; i++)
        {
            seen.Add(i);
            yield return i;
        }
    }

    private static IEnumerator Record(IEnumerable<object> things, List<object> seen)
    {
        foreach (var thing in things)
        {
            seen.Add(thing);
            yield return null;
        }
    }

    private static IEnumerable<object?> Forever(Action unit)
    {
        while (true)
        {
            unit();
            yield return null;
        }
    }

    private static IEnumerable<object> YieldThen(Deferred deferred, Action after)
    {
        yield return deferred;
        after();
    }

    private static int Fail() => throw new TestException();

    private static IEnumerable<int> Throwing()
    {
        throw new TestException();
#pragma warning disable CS0162 // An iterator needs a yield to be one.
        yield break;
#pragma warning restore CS0162
    }
}
