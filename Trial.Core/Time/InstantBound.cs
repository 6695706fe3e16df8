namespace Trial.Time;

/// <summary>Counts the calls run at one instant against a bound, so a call that reschedules itself at zero delay cannot hang a loop.</summary>
internal struct InstantBound
{
    private long _instant;
    private int _runs;

    internal InstantBound(int max)
    {
        Max = max;
        _instant = long.MinValue;
    }

    /// <summary>Gets or sets how many calls may run at one instant.</summary>
    internal int Max { get; set; }

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
}
