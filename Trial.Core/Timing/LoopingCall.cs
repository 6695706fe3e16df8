using System.Globalization;
using Trial.Deferreds;
using Trial.Time;

namespace Trial.Timing;

/// <summary>
/// Calls a function repeatedly, every <see cref="Interval"/> of a reactor's time (Twisted's <c>LoopingCall</c>).
/// </summary>
/// <remarks>
/// <para>
/// Ticks stay on the grid of the start time: with an interval of 1 s started at 0, the calls are due at 1, 2, 3…
/// whatever time the calls themselves take. A tick that comes too late for one or more grid points skips them
/// and is scheduled for the next grid point still in the future; <see cref="WithCount(IReactorTime, Action{int})"/>
/// tells the function how many intervals passed since it last ran, skipped ones included.
/// </para>
/// <para>
/// If the function returns a deferred, the next tick is scheduled only when that deferred fires. If the function
/// throws, or its deferred fails, the loop stops and the deferred returned by <see cref="Start"/> fails with that
/// failure. <see cref="Stop"/> fires that deferred with the loop itself.
/// </para>
/// <para>
/// With an interval of zero the function is called again as soon as possible, at the same instant, until it stops
/// the loop; a virtual clock's bound on calls per instant catches a loop that never does.
/// </para>
/// </remarks>
public sealed class LoopingCall
{
    private readonly IReactorTime _time;
    private readonly Func<LoopingCall, Deferred?> _function;
    private readonly string _target;
    private Deferred<LoopingCall>? _deferred;
    private IDelayedCall? _call;
    private long _interval;
    private long _startTime;
    private long? _lastCountedTime;
    private bool _runAtStart;

    /// <summary>Initializes a loop that calls <paramref name="action"/>.</summary>
    /// <param name="time">Whose time to loop on.</param>
    /// <param name="action">The function to call each tick.</param>
    public LoopingCall(IReactorTime time, Action action)
        : this(time, Wrap(action), Describe(action))
    {
    }

    /// <summary>Initializes a loop that calls <paramref name="function"/> and waits for the deferred it returns (if any) before the next tick.</summary>
    /// <param name="time">Whose time to loop on.</param>
    /// <param name="function">The function to call each tick; it may return <see langword="null"/> to go on at once.</param>
    public LoopingCall(IReactorTime time, Func<Deferred?> function)
        : this(time, function is null ? null! : _ => function(), Describe(function))
    {
    }

    private LoopingCall(IReactorTime time, Func<LoopingCall, Deferred?> function, string target)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(function);
        _time = time;
        _function = function;
        _target = target;
    }

    /// <summary>Gets a value indicating whether the loop is started and not stopped (or failed).</summary>
    public bool Running { get; private set; }

    /// <summary>Gets or sets the time between ticks. Setting it while running takes effect from the next scheduled tick.</summary>
    /// <value>Zero until <see cref="Start"/> sets it.</value>
    /// <exception cref="ArgumentOutOfRangeException">The interval is negative.</exception>
    public TimeSpan Interval
    {
        get => TimeSpan.FromTicks(_interval);
        set => _interval = CheckInterval(value).Ticks;
    }

    /// <summary>
    /// Returns a loop that calls <paramref name="action"/> with the number of intervals that passed since its last
    /// call (usually 1; more when ticks were skipped; always 1 with an interval of zero).
    /// </summary>
    /// <param name="time">Whose time to loop on.</param>
    /// <param name="action">The function to call each tick.</param>
    /// <returns>The loop, not started.</returns>
    public static LoopingCall WithCount(IReactorTime time, Action<int> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return WithCount(time, count =>
        {
            action(count);
            return null;
        }, Describe(action));
    }

    /// <summary>
    /// Returns a loop that calls <paramref name="function"/> with the number of intervals that passed since its last
    /// call, and waits for the deferred it returns (if any) before the next tick.
    /// </summary>
    /// <param name="time">Whose time to loop on.</param>
    /// <param name="function">The function to call each tick.</param>
    /// <returns>The loop, not started.</returns>
    public static LoopingCall WithCount(IReactorTime time, Func<int, Deferred?> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return WithCount(time, function, Describe(function));
    }

    /// <summary>Starts the loop.</summary>
    /// <param name="interval">The time between ticks; zero calls the function again as soon as possible.</param>
    /// <param name="now">Call the function at once (the default); otherwise the first call is one interval from now.</param>
    /// <returns>
    /// A deferred that fires with this loop when <see cref="Stop"/> is called, or fails with the failure of the
    /// function. If the first call fails at once, it has already failed.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">The interval is negative.</exception>
    /// <exception cref="InvalidOperationException">The loop is already running, or stopped but still waiting for its last call.</exception>
    public Deferred<LoopingCall> Start(TimeSpan interval, bool now = true)
    {
        CheckInterval(interval);
        if (Running)
        {
            throw new InvalidOperationException($"{this} is already running; stop it before starting it again.");
        }

        if (_deferred is not null)
        {
            throw new InvalidOperationException($"{this} was stopped but still waits for its last call's Deferred; start it again once Start's Deferred has fired.");
        }

        Running = true;
        var deferred = _deferred = new Deferred<LoopingCall>();
        _startTime = _time.Now.Ticks;
        _interval = interval.Ticks;
        _lastCountedTime = null;
        _runAtStart = now;
        if (now)
        {
            Tick();
        }
        else
        {
            ScheduleFrom(_startTime);
        }

        return deferred;
    }

    /// <summary>
    /// Stops the loop. If a tick is scheduled, it is cancelled and <see cref="Start"/>'s deferred fires now; if the
    /// function is running or its deferred is pending, it fires when that finishes.
    /// </summary>
    /// <exception cref="InvalidOperationException">The loop is not running.</exception>
    public void Stop()
    {
        if (!Running)
        {
            throw new InvalidOperationException($"{this} is not running, so it cannot be stopped.");
        }

        Running = false;
        if (_call is { } call)
        {
            CancelCall(call);
            Finish(this);
        }
    }

    /// <summary>Skips the next tick and restarts the grid from now: the next call is one interval from now.</summary>
    /// <exception cref="InvalidOperationException">The loop is not running.</exception>
    public void Reset()
    {
        if (!Running)
        {
            throw new InvalidOperationException($"{this} is not running, so it cannot be reset.");
        }

        if (_call is { } call)
        {
            CancelCall(call);
            _startTime = _time.Now.Ticks;
            ScheduleFrom(_startTime);
        }
    }

    /// <summary>Returns the interval and the function's name.</summary>
    /// <returns>For example <c>LoopingCall(00:00:01, Heartbeat.Send)</c>.</returns>
    public override string ToString() => $"LoopingCall({Interval}, {_target})";

    private static LoopingCall WithCount(IReactorTime time, Func<int, Deferred?> function, string target) =>
        new(time, loop => loop.CountIntervals() is int count and > 0 ? function(count) : null, target);

    private static Func<LoopingCall, Deferred?> Wrap(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return _ =>
        {
            action();
            return null;
        };
    }

    private static string Describe(Delegate? function) =>
        function?.Method is { } method ? $"{method.DeclaringType?.Name}.{method.Name}" : "null";

    private static TimeSpan CheckInterval(TimeSpan interval) =>
        interval < TimeSpan.Zero
            ? throw new ArgumentOutOfRangeException(nameof(interval), interval, string.Create(CultureInfo.InvariantCulture, $"A LoopingCall interval must not be negative, but was {interval}."))
            : interval;

    private static long FloorDivide(long a, long b) => (a / b) - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);

    private void CancelCall(IDelayedCall call)
    {
        _call = null;

        // A tick that was taken but never ran (its reactor threw first) has nothing left to cancel.
        if (call.Active)
        {
            call.Cancel();
        }
    }

    private void Tick()
    {
        _call = null;
        Deferred? result;
        try
        {
            result = _function(this);
        }
        catch (Exception ex)
        {
            Fail(new Failure(ex));
            return;
        }

        if (result is null)
        {
            Continue();
            return;
        }

        result.Core.AddCallbacks(
            _ =>
            {
                Continue();
                return null;
            },
            failure =>
            {
                Fail((Failure)failure!);
                return null;
            });
    }

    private void Continue()
    {
        if (Running)
        {
            ScheduleFrom(_time.Now.Ticks);
        }
        else
        {
            Finish(this);
        }
    }

    private void Fail(Failure failure)
    {
        Running = false;
        var deferred = _deferred!;
        _deferred = null;
        deferred.Errback(failure);
    }

    private void Finish(LoopingCall result)
    {
        var deferred = _deferred!;
        _deferred = null;
        deferred.Callback(result);
    }

    private void ScheduleFrom(long when)
    {
        long delay = 0;
        if (_interval > 0)
        {
            long runningFor = when - _startTime;
            delay = _interval - (runningFor - (FloorDivide(runningFor, _interval) * _interval));
        }

        _call = _time.CallLater(TimeSpan.FromTicks(delay), Tick);
    }

    /// <summary>The number of grid intervals since the function last ran, as <see cref="WithCount(IReactorTime, Action{int})"/> reports it.</summary>
    private int? CountIntervals()
    {
        long now = _time.Now.Ticks;
        if (_interval == 0)
        {
            _lastCountedTime = now;
            return 1;
        }

        long last = _lastCountedTime ?? (_runAtStart ? _startTime - _interval : _startTime);
        long count = FloorDivide(now - _startTime, _interval) - FloorDivide(last - _startTime, _interval);
        if (count <= 0)
        {
            return null;
        }

        _lastCountedTime = now;
        return (int)Math.Min(count, int.MaxValue);
    }
}
