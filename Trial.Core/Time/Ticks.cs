using System.Globalization;

namespace Trial.Time;

/// <summary>Validation and arithmetic of tick counts shared by every reactor's time.</summary>
internal static class Ticks
{
    /// <summary>Returns <paramref name="now"/> plus <paramref name="delay"/>, rejecting negative and overflowing delays.</summary>
    public static long DueAfter(long now, TimeSpan delay, string paramName)
    {
        if (delay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(paramName, delay, string.Create(CultureInfo.InvariantCulture, $"A delay must not be negative, but was {delay}."));
        }

        if (delay.Ticks > long.MaxValue - now)
        {
            throw new ArgumentOutOfRangeException(paramName, delay, string.Create(CultureInfo.InvariantCulture, $"A delay of {delay} from {TimeSpan.FromTicks(now)} overflows the largest representable time."));
        }

        return now + delay.Ticks;
    }
}
