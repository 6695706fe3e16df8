using System.Collections;
using Trial.Deferreds;
using Trial.Tests.Deferreds;
using Trial.Timing;

namespace Trial.Tests.Timing;

public sealed class CooperativeTaskTests
{
    private readonly FakeScheduler _scheduler = new();
    private readonly Cooperator _cooperator;
    private readonly List<object> _work = [];
    private readonly IEnumerator _iterator;
    private readonly CooperativeTask _task;
    private bool _deferNext;
    private bool _stopNext;
    private bool _dieNext;

    public CooperativeTaskTests()
    {
        _cooperator = new Cooperator(_scheduler.Schedule, () => () => true);
        _iterator = Worker().GetEnumerator();
        _task = _cooperator.Cooperate(_iterator);
    }

    [Fact]
    public void PauseAndResume_StopAndRestartTheWork()
    {
        _scheduler.Pump();
        _work.Should().Equal(1);
        _scheduler.Pump();
        _work.Should().Equal(1, 2);

        _task.Pause();
        _scheduler.Pump();
        _work.Should().Equal(1, 2);
        _task.Resume();
        _work.Should().Equal(1, 2);
        _scheduler.Pump();

        _work.Should().Equal(1, 2, 3);
    }

    [Fact]
    public void Resume_WhenNotPaused_Throws()
    {
        var act = () => _task.Resume();

        act.Should().Throw<NotPausedException>();
        _task.Pause();
        _task.Resume();
        act.Should().Throw<NotPausedException>().WithMessage("*Resume must follow a Pause*");
    }

    [Fact]
    public void Pause_Twice_NeedsTwoResumes()
    {
        _task.Pause();
        _scheduler.Pump();
        _task.Pause();
        _scheduler.Pump();
        _task.Resume();
        _scheduler.Pump();
        _work.Should().BeEmpty();

        _task.Resume();
        _scheduler.Pump();

        _work.Should().Equal(1);
    }

    [Fact]
    public void PauseWhileWaitingOnADeferred_NeedsTheDeferredAndAResume()
    {
        _deferNext = true;
        _scheduler.Pump();
        var waiting = _work.Should().ContainSingle().Which.Should().BeOfType<Deferred<string>>().Subject;
        _scheduler.Pump();
        _work.Should().HaveCount(1);
        _task.Pause();
        _scheduler.Pump();
        _task.Resume();
        _scheduler.Pump();
        _work.Should().HaveCount(1);

        waiting.Callback("STUFF!");
        _scheduler.Pump();

        _work.Should().HaveCount(2);
        _work[1].Should().Be(2);
    }

    [Fact]
    public void WhenDone_GivesEachCallerItsOwnDeferred()
    {
        var first = _task.WhenDone();
        var second = _task.WhenDone();
        var results = new List<object?>();
        first.AddCallback(r => { results.Add(r); return 1; });
        second.AddCallback(r => { results.Add(r); return 2; });

        _stopNext = true;
        _scheduler.Pump();

        results.Should().Equal(_iterator, _iterator);
        first.AddCallback(r => r).SuccessResultOf().Should().Be(1);
        second.AddCallback(r => r).SuccessResultOf().Should().Be(2);
        _task.Finished.Should().BeTrue();
    }

    [Fact]
    public void WhenDone_FailsWithTheIteratorsException()
    {
        var done = _task.WhenDone();

        _dieNext = true;
        _scheduler.Pump();

        done.FailureResultOf(typeof(TestException));
    }

    [Fact]
    public void WhenDone_AfterStop_FailsWithTaskStopped()
    {
        var done = _task.WhenDone();

        _task.Stop();

        ((TaskFinishedException)done.FailureResultOf(typeof(TaskFinishedException)).Exception).Outcome.Should().Be(CooperativeTaskOutcome.Stopped);
    }

    [Fact]
    public void WhenDone_AfterTheIteratorIsExhausted_FiresAtOnce()
    {
        _stopNext = true;
        _scheduler.Pump();

        _task.WhenDone().SuccessResultOf().Should().BeSameAs(_iterator);
    }

    [Fact]
    public void Stop_RemovesTheTaskForGood()
    {
        _task.Stop();
        _scheduler.Pump();

        _work.Should().BeEmpty();
        FluentActions.Invoking(() => _task.Stop()).Should().Throw<TaskFinishedException>().Which.Outcome.Should().Be(CooperativeTaskOutcome.Stopped);
        FluentActions.Invoking(() => _task.Pause()).Should().Throw<TaskFinishedException>().WithMessage("*stopped*");
        _scheduler.Pump();
        _work.Should().BeEmpty();
    }

    [Fact]
    public void Resume_OfAPausedStoppedTask_DoesNothing()
    {
        _task.Pause();
        _task.Stop();

        _task.Resume();
        _scheduler.Pump();

        _work.Should().BeEmpty();
    }

    [Fact]
    public void Stop_WhileWaitingOnADeferred_DoesNotResumeWhenItFires()
    {
        _deferNext = true;
        _scheduler.Pump();
        var waiting = (Deferred<string>)_work[^1];
        _work.Clear();
        var results = new List<object?>();
        waiting.AddBoth(r => { results.Add(r); return r; });
        _scheduler.Pump();

        _task.Stop();
        _scheduler.Pump();
        waiting.Callback("7");
        _scheduler.Pump();

        results.Should().Equal([null]);
        _work.Should().BeEmpty();
    }

    [Fact]
    public void Stop_AfterTheIteratorIsExhausted_ThrowsTaskDone()
    {
        _stopNext = true;
        _scheduler.Pump();

        FluentActions.Invoking(() => _task.Stop()).Should().Throw<TaskFinishedException>().Which.Outcome.Should().Be(CooperativeTaskOutcome.Done);
    }

    [Fact]
    public void Stop_AfterTheIteratorFailed_ThrowsTaskFailed()
    {
        _dieNext = true;
        _scheduler.Pump();

        FluentActions.Invoking(() => _task.Stop()).Should().Throw<TaskFinishedException>().WithMessage("*failed*");
        _task.WhenDone().FailureResultOf(typeof(TestException));
    }

    [Fact]
    public void Stop_AfterTheCooperatorStopped_ThrowsSchedulerStopped()
    {
        var done = _task.WhenDone();

        _cooperator.Stop();

        FluentActions.Invoking(() => _task.Stop()).Should().Throw<SchedulerStoppedException>();
        done.FailureResultOf(typeof(SchedulerStoppedException));
    }

    [Fact]
    public void CooperatorStoppedFromAWhenDoneCallback_FinishesTheCallback()
    {
        var phases = new List<object?>();
        _task.WhenDone().AddCallback(r =>
        {
            phases.Add(r);
            _cooperator.Stop();
            phases.Add("done");
            return null;
        });

        _stopNext = true;
        _scheduler.Pump();

        phases.Should().Equal(_iterator, "done");
    }

    [Fact]
    public void SchedulerExceptions_HaveTheStandardConstructors()
    {
        new SchedulerException().Message.Should().Contain("wrong state");
        new SchedulerException("x", new TestException()).InnerException.Should().BeOfType<TestException>();
        new SchedulerStoppedException().Message.Should().Be("The Cooperator was stopped.");
        new SchedulerStoppedException("y", new TestException()).Message.Should().Be("y");
        new NotPausedException().Message.Should().Contain("not paused");
        new NotPausedException("z", new TestException()).Message.Should().Be("z");
    }

    private IEnumerable<object> Worker()
    {
        int i = 0;
        while (true)
        {
            i++;
            if (_deferNext)
            {
                _deferNext = false;
                var deferred = new Deferred<string>();
                _work.Add(deferred);
                yield return deferred;
            }
            else if (_stopNext)
            {
                yield break;
            }
            else if (_dieNext)
            {
                throw new TestException();
            }
            else
            {
                _work.Add(i);
                yield return i;
            }
        }
    }
}
