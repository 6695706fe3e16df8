using System.Globalization;

namespace Trial.Time;

/// <summary>
/// Counts the calls a loop runs at one instant against a bound, so a call that reschedules itself at zero delay
/// cannot hang it, and remembers the last one that ran, for the error.
/// </summary>
internal sealed class RunawayGuard
{
    private long _instant = long.MinValue;
    private int _runs;
    private Delegate? _last;
    private object? _lastState;

    /// <summary>Gets or sets how many calls may run at one instant.</summary>
    internal int Max { get; set; } = 1_000_000;

    /// <summary>Forgets the count, so the next call starts a fresh instant.</summary>
    internal void Reset() => _instant = long.MinValue;

    /// <summary>Counts one more run at <paramref name="instant"/>; false, counting nothing, when that would exceed the bound.</summary>
    internal bool TryCount(long instant)
    {
        if (instant != _instant)
        {
            _instant = instant;
            _runs = 0;
        }

        if (_runs >= Max)
        {
            return false;
        }

        _runs++;
        return true;
    }

    /// <summary>Records the call about to run (a delayed call's action, or a posted callback and its state).</summary>
    internal void Ran(Delegate call, object? state)
    {
        _last = call;
        _lastState = state;
    }

    /// <summary>The error for a bound reached at <paramref name="now"/>, naming the last call that ran and <paramref name="next"/>, which did not.</summary>
    internal RunawayCallException Tripped(long now, string next)
    {
        string last = _last switch
        {
            SendOrPostCallback callback => ReadyQueue.Describe(callback, _lastState),
            { } action => DelayedCall.Describe(action),
            null => "nothing",
        };
        return new RunawayCallException(string.Create(
            CultureInfo.InvariantCulture,
            $"More than {Max} calls ran at time {TimeSpan.FromTicks(now)}; the last that ran was {last}, and {next} is still pending, not run. A zero-delay call that keeps rescheduling itself never lets time move."));
    }
}
