using System.Collections;
using System.Globalization;
using Trial.Deferreds;
using Trial.Time;

namespace Trial.Timing;

/// <summary>
/// Runs many iterators a little at a time, taking turns, so long computations share a reactor with everything else
/// (Twisted's <c>Cooperator</c>). There is no global cooperator: make one on the reactor time you use.
/// </summary>
/// <remarks>
/// <para>
/// Each tick runs one item of each task in turn, round and round, until the termination predicate made for that
/// tick says to stop; then the next tick is scheduled. A task that yields a <see cref="Deferred"/> sits out until it
/// fires. When no task is left, no tick is scheduled, so an idle cooperator leaves nothing on the reactor.
/// </para>
/// <para>Not thread-safe: a cooperator belongs to one reactor thread.</para>
/// </remarks>
public sealed class Cooperator
{
    /// <summary>How much reactor time a tick may take by default: 10 ms, as in Twisted.</summary>
    public static readonly TimeSpan DefaultTimeSlice = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// How many items a tick runs at most by default. On virtual time, which stands still while a tick runs, this
    /// bound is what ends a tick.
    /// </summary>
    public const int DefaultMaxWorkUnitsPerTick = 1000;

    private readonly Func<Action, IDelayedCall> _scheduler;
    private readonly Func<Func<bool>> _terminationPredicateFactory;
    private readonly List<CooperativeTask> _tasks = [];
    private readonly List<CooperativeTask> _live = [];
    private readonly Action _tick;
    private IDelayedCall? _delayedCall;
    private int _next;
    private bool _started;
    private bool _stopped;
    private bool _mustScheduleOnStart;

    /// <summary>
    /// Initializes a cooperator that ticks with zero-delay calls on <paramref name="time"/> and ends each tick after
    /// <see cref="DefaultTimeSlice"/> of that time or <see cref="DefaultMaxWorkUnitsPerTick"/> items.
    /// </summary>
    /// <param name="time">The reactor time to schedule ticks and measure slices on; never the wall clock.</param>
    /// <param name="started">Whether tasks run as soon as they are added, or wait for <see cref="Start"/>.</param>
    public Cooperator(IReactorTime time, bool started = true)
        : this(
            action => (time ?? throw new ArgumentNullException(nameof(time))).CallLater(TimeSpan.Zero, action),
            TimeSlice(time, DefaultTimeSlice, DefaultMaxWorkUnitsPerTick),
            started)
    {
    }

    /// <summary>Initializes a cooperator with its own scheduling and tick length.</summary>
    /// <param name="scheduler">Schedules a tick to run later and returns a handle that can cancel it.</param>
    /// <param name="terminationPredicateFactory">
    /// Called at the start of each tick; the predicate it returns is asked after each item and ends the tick by
    /// returning <see langword="true"/>.
    /// </param>
    /// <param name="started">Whether tasks run as soon as they are added, or wait for <see cref="Start"/>.</param>
    public Cooperator(Func<Action, IDelayedCall> scheduler, Func<Func<bool>> terminationPredicateFactory, bool started = true)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(terminationPredicateFactory);
        _scheduler = scheduler;
        _terminationPredicateFactory = terminationPredicateFactory;
        _started = started;
        _tick = Tick;
    }

    /// <summary>Gets a value indicating whether the cooperator is started and not stopped.</summary>
    public bool Running => _started && !_stopped;

    /// <summary>
    /// Returns a termination predicate factory whose ticks end after <paramref name="slice"/> of
    /// <paramref name="time"/>'s time or <paramref name="maxWorkUnits"/> items, whichever comes first (Twisted's
    /// <c>_Timer</c>, measured on reactor time).
    /// </summary>
    /// <param name="time">The reactor time to measure on.</param>
    /// <param name="slice">How much time a tick may take.</param>
    /// <param name="maxWorkUnits">How many items a tick may run; at least one.</param>
    /// <returns>The factory.</returns>
    public static Func<Func<bool>> TimeSlice(IReactorTime time, TimeSpan slice, int maxWorkUnits)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (maxWorkUnits < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxWorkUnits), maxWorkUnits, string.Create(CultureInfo.InvariantCulture, $"A tick must run at least one item, but maxWorkUnits was {maxWorkUnits}."));
        }

        return () =>
        {
            var end = time.Now + slice;
            int units = 0;
            return () => ++units >= maxWorkUnits || time.Now >= end;
        };
    }

    /// <summary>Adds <paramref name="iterator"/> as a task.</summary>
    /// <param name="iterator">The work, one item at a time.</param>
    /// <returns>The task, to pause, resume, stop or wait on.</returns>
    public CooperativeTask Cooperate(IEnumerator iterator)
    {
        ArgumentNullException.ThrowIfNull(iterator);
        var task = new CooperativeTask(iterator, this);
        _live.Add(task);
        AddTask(task);
        return task;
    }

    /// <summary>Adds the items of <paramref name="items"/> as a task.</summary>
    /// <param name="items">The work, one item at a time.</param>
    /// <returns>The task, to pause, resume, stop or wait on.</returns>
    public CooperativeTask Cooperate(IEnumerable items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return Cooperate(items.GetEnumerator());
    }

    /// <summary>Adds <paramref name="iterator"/> as a task and returns a deferred for its end; see <see cref="CooperativeTask.WhenDone"/>.</summary>
    /// <param name="iterator">The work, one item at a time.</param>
    /// <returns>A deferred that fires with the iterator when it is exhausted.</returns>
    public Deferred<IEnumerator> Coiterate(IEnumerator iterator) => Cooperate(iterator).WhenDone();

    /// <summary>Adds the items of <paramref name="items"/> as a task and returns a deferred for its end.</summary>
    /// <param name="items">The work, one item at a time.</param>
    /// <returns>A deferred that fires with the iterator when it is exhausted.</returns>
    public Deferred<IEnumerator> Coiterate(IEnumerable items) => Cooperate(items).WhenDone();

    /// <summary>Starts (or restarts) running tasks.</summary>
    public void Start()
    {
        _stopped = false;
        _started = true;
        if (_mustScheduleOnStart)
        {
            _mustScheduleOnStart = false;
            Reschedule();
        }
    }

    /// <summary>
    /// Stops running tasks: every unfinished task, paused ones included, fails with
    /// <see cref="SchedulerStoppedException"/>, and so does any task added before the next <see cref="Start"/>.
    /// </summary>
    public void Stop()
    {
        _stopped = true;
        foreach (var task in _live.ToArray())
        {
            task.CompleteWith(CooperativeTask.Finish.SchedulerStopped, new Failure(new SchedulerStoppedException()));
        }

        _tasks.Clear();
        _next = 0;
        CancelTick();
    }

    internal void AddTask(CooperativeTask task)
    {
        _tasks.Add(task);
        if (_stopped)
        {
            task.CompleteWith(CooperativeTask.Finish.SchedulerStopped, new Failure(new SchedulerStoppedException("The Cooperator was stopped before the task could run.")));
            return;
        }

        Reschedule();
    }

    internal void RemoveTask(CooperativeTask task)
    {
        int index = _tasks.IndexOf(task);
        if (index < 0)
        {
            return;
        }

        _tasks.RemoveAt(index);
        if (index < _next)
        {
            _next--;
        }

        if (_tasks.Count == 0)
        {
            CancelTick();
        }
    }

    /// <summary>Drops a finished task from the tasks that <see cref="Stop"/> would fail.</summary>
    internal void Forget(CooperativeTask task) => _live.Remove(task);

    private void Tick()
    {
        _delayedCall = null;
        var done = _terminationPredicateFactory();
        while (_tasks.Count > 0)
        {
            if (_next >= _tasks.Count)
            {
                _next = 0;
            }

            _tasks[_next++].OneWorkUnit();
            if (done())
            {
                break;
            }
        }

        Reschedule();
    }

    private void Reschedule()
    {
        if (!_started)
        {
            _mustScheduleOnStart = true;
            return;
        }

        if (_delayedCall is null && _tasks.Count > 0 && !_stopped)
        {
            _delayedCall = _scheduler(_tick);
        }
    }

    private void CancelTick()
    {
        if (_delayedCall is { } call)
        {
            _delayedCall = null;

            // A tick that was taken but never ran (its reactor threw first) has nothing left to cancel.
            if (call.Active)
            {
                call.Cancel();
            }
        }
    }
}
