using Microsoft.Extensions.Logging;
using Trial.Time;

namespace Trial.Logging;

/// <summary>
/// An <see cref="ILoggerProvider"/> that turns <see cref="ILogger"/> calls into <see cref="LogEvent"/>s published to an
/// observer (usually a <see cref="LogPublisher"/>), so that code written against Microsoft.Extensions.Logging
/// logs into Trial and a test can see, and fail on, its errors.
/// </summary>
/// <remarks>
/// The category name becomes the event's <see cref="LogEvent.Source"/>; a structured message keeps its template
/// (<c>{OriginalFormat}</c>) and its named values; the exception becomes the event's failure; a non-zero
/// <see cref="EventId"/> is kept as the <c>EventId</c> property. Scopes are accepted and ignored. Events are stamped
/// from the time source given to the constructor, never from the wall clock.
/// </remarks>
public sealed class TrialLoggerProvider : ILoggerProvider
{
    private readonly ILogObserver _observer;
    private readonly TimeProvider? _timeProvider;

    /// <summary>Initializes a provider whose events carry no timestamp.</summary>
    /// <param name="observer">Where events go.</param>
    public TrialLoggerProvider(ILogObserver observer)
        : this(observer, (TimeProvider?)null)
    {
    }

    /// <summary>Initializes a provider that stamps events with <paramref name="timeProvider"/>'s time.</summary>
    /// <param name="observer">Where events go.</param>
    /// <param name="timeProvider">The time source, or <see langword="null"/> for no timestamps.</param>
    public TrialLoggerProvider(ILogObserver observer, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observer = observer;
        _timeProvider = timeProvider;
    }

    /// <summary>Initializes a provider that stamps events with a reactor's time.</summary>
    /// <param name="observer">Where events go.</param>
    /// <param name="time">The reactor time.</param>
    public TrialLoggerProvider(ILogObserver observer, IReactorTime time)
        : this(observer, (time ?? throw new ArgumentNullException(nameof(time))).TimeProvider)
    {
    }

    /// <summary>Gets the least severe level that is published.</summary>
    /// <value>The default is <see cref="LogLevel.Trace"/>: everything.</value>
    public LogLevel MinimumLevel { get; init; } = LogLevel.Trace;

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName)
    {
        ArgumentNullException.ThrowIfNull(categoryName);
        return new TrialLogger(categoryName, this);
    }

    /// <summary>Does nothing: the provider holds nothing that needs releasing.</summary>
    public void Dispose()
    {
    }

    internal bool IsEnabled(LogLevel level) => level != LogLevel.None && level >= MinimumLevel;

    internal void Publish(LogEvent logEvent) => _observer.Observe(logEvent with { Timestamp = _timeProvider?.GetUtcNow() });
}
