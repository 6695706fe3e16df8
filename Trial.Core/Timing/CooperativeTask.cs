using System.Collections;
using Trial.Deferreds;

namespace Trial.Timing;

/// <summary>
/// An iterator that a <see cref="Cooperator"/> advances one item at a time, sharing the reactor with other work
/// (Twisted's <c>CooperativeTask</c>). It can be paused, resumed, stopped and waited on.
/// </summary>
/// <remarks>
/// Each item the iterator yields is one unit of work. If it yields a <see cref="Deferred"/>, the task pauses until
/// that deferred fires (the task consumes its result); if the deferred fails, the task fails with its failure.
/// </remarks>
public sealed class CooperativeTask
{
    private readonly IEnumerator _iterator;
    private readonly Cooperator _cooperator;
    private readonly List<Deferred<IEnumerator>> _whenDone = [];
    private int _pauseCount;
    private Finish? _finish;
    private object? _finalResult;

    internal CooperativeTask(IEnumerator iterator, Cooperator cooperator)
    {
        _iterator = iterator;
        _cooperator = cooperator;
    }

    /// <summary>Why a task finished; what its operations throw from then on.</summary>
    internal enum Finish
    {
        Done,
        Stopped,
        Failed,
        SchedulerStopped,
    }

    /// <summary>Gets a value indicating whether the task has finished, in any way.</summary>
    public bool Finished => _finish is not null;

    /// <summary>Returns a new deferred that fires when the task finishes.</summary>
    /// <returns>
    /// A deferred that fires with the iterator when it is exhausted, or fails with the iterator's exception, with a
    /// <see cref="TaskFinishedException"/> if the task was stopped, or with a <see cref="SchedulerStoppedException"/>
    /// if its cooperator was. Each call returns a separate deferred, so callbacks on one do not change another's result.
    /// </returns>
    public Deferred<IEnumerator> WhenDone()
    {
        var done = new Deferred<IEnumerator>();
        if (_finish is null)
        {
            _whenDone.Add(done);
        }
        else
        {
            done.Core.Fire(_finalResult);
        }

        return done;
    }

    /// <summary>Stops doing work until <see cref="Resume"/> is called as many times.</summary>
    /// <exception cref="SchedulerException">The task has finished.</exception>
    public void Pause()
    {
        ThrowIfFinished();
        if (++_pauseCount == 1)
        {
            _cooperator.RemoveTask(this);
        }
    }

    /// <summary>Undoes one <see cref="Pause"/>; the last one lets the task work again from the cooperator's next tick.</summary>
    /// <exception cref="NotPausedException">The task is not paused.</exception>
    /// <remarks>Resuming a task that finished while paused does nothing.</remarks>
    public void Resume()
    {
        if (_pauseCount == 0)
        {
            throw new NotPausedException("The cooperative task is not paused: Resume must follow a Pause.");
        }

        if (--_pauseCount == 0 && _finish is null)
        {
            _cooperator.AddTask(this);
        }
    }

    /// <summary>Stops the task for good; its <see cref="WhenDone"/> deferreds fail with a <see cref="TaskFinishedException"/>.</summary>
    /// <exception cref="SchedulerException">The task has already finished.</exception>
    public void Stop()
    {
        ThrowIfFinished();
        CompleteWith(Finish.Stopped, new Failure(new TaskFinishedException(CooperativeTaskOutcome.Stopped)));
    }

    /// <summary>Finishes the task and fires its deferreds, after it has left the cooperator so their callbacks may use it.</summary>
    internal void CompleteWith(Finish finish, object? result)
    {
        _finish = finish;
        _finalResult = result;
        if (_pauseCount == 0)
        {
            _cooperator.RemoveTask(this);
        }

        _cooperator.Forget(this);
        foreach (var done in _whenDone)
        {
            done.Core.Fire(result);
        }

        _whenDone.Clear();
    }

    /// <summary>Advances the iterator by one item.</summary>
    internal void OneWorkUnit()
    {
        object? item;
        try
        {
            if (!_iterator.MoveNext())
            {
                CompleteWith(Finish.Done, _iterator);
                return;
            }

            item = _iterator.Current;
        }
        catch (Exception ex)
        {
            CompleteWith(Finish.Failed, new Failure(ex));
            return;
        }

        if (item is Deferred deferred)
        {
            Pause();
            deferred.Core.AddCallbacks(
                _ =>
                {
                    Resume();
                    return null;
                },
                failure =>
                {
                    if (_finish is null)
                    {
                        CompleteWith(Finish.Failed, failure);
                    }

                    return null;
                });
        }
    }

    private void ThrowIfFinished()
    {
        switch (_finish)
        {
            case null:
                return;
            case Finish.SchedulerStopped:
                throw new SchedulerStoppedException("The cooperative task's Cooperator was stopped.");
            default:
                throw new TaskFinishedException((CooperativeTaskOutcome)_finish.Value);
        }
    }
}
