namespace Trial.Time;

/// <summary>
/// The <see cref="TimeProvider"/> view of a reactor's time: timestamps are ticks of reactor time, wall time is
/// the epoch plus reactor time, and timers are delayed calls. Use it from the reactor's thread.
/// </summary>
internal sealed class ReactorTimeProvider : TimeProvider
{
    private readonly Scheduler _scheduler;
    private readonly DateTimeOffset _epoch;

    internal ReactorTimeProvider(Scheduler scheduler, DateTimeOffset epoch)
    {
        _scheduler = scheduler;
        _epoch = epoch;
    }

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc/>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => _epoch.AddTicks(_scheduler.Now);

    /// <inheritdoc/>
    public override long GetTimestamp() => _scheduler.Now;

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return ReactorTimer.Create(_scheduler, callback, state, dueTime, period);
    }
}
