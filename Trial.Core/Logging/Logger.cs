using Microsoft.Extensions.Logging;
using Trial.Deferreds;
using Trial.Time;

namespace Trial.Logging;

/// <summary>
/// Emits structured events for one source to an observer (usually a <see cref="LogPublisher"/>), like Twisted's
/// <c>Logger</c>. There is no hidden global log: the destination is always passed in.
/// </summary>
/// <remarks>
/// Templates name their values: <c>log.Info("Connected to {Host}:{Port}", host, port)</c> publishes an event
/// whose properties are <c>Host</c> and <c>Port</c>. Events are stamped from the time source given to the
/// constructor, never from the wall clock.
/// </remarks>
public sealed class Logger
{
    private readonly ILogObserver _observer;
    private readonly TimeProvider? _timeProvider;

    /// <summary>Initializes a logger whose events carry no timestamp.</summary>
    /// <param name="source">The source named in every event.</param>
    /// <param name="observer">Where events go.</param>
    public Logger(string source, ILogObserver observer)
        : this(source, observer, (TimeProvider?)null)
    {
    }

    /// <summary>Initializes a logger that stamps events with <paramref name="timeProvider"/>'s time.</summary>
    /// <param name="source">The source named in every event.</param>
    /// <param name="observer">Where events go.</param>
    /// <param name="timeProvider">The time source, or <see langword="null"/> for no timestamps.</param>
    public Logger(string source, ILogObserver observer, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(observer);
        Source = source;
        _observer = observer;
        _timeProvider = timeProvider;
    }

    /// <summary>Initializes a logger that stamps events with a reactor's time.</summary>
    /// <param name="source">The source named in every event.</param>
    /// <param name="observer">Where events go.</param>
    /// <param name="time">The reactor time; events carry its <see cref="IReactorTime.TimeProvider"/>'s wall time.</param>
    public Logger(string source, ILogObserver observer, IReactorTime time)
        : this(source, observer, (time ?? throw new ArgumentNullException(nameof(time))).TimeProvider)
    {
    }

    /// <summary>Gets the source named in every event.</summary>
    public string Source { get; }

    /// <summary>Publishes an event at <paramref name="level"/>.</summary>
    /// <param name="level">The severity; <see cref="LogLevel.None"/> publishes nothing.</param>
    /// <param name="messageTemplate">The message with named holes.</param>
    /// <param name="args">The values for the holes, in order.</param>
    public void Emit(LogLevel level, string messageTemplate, params object?[] args) => Emit(level, null, messageTemplate, args);

    /// <summary>Publishes a <see cref="LogLevel.Debug"/> event.</summary>
    /// <param name="messageTemplate">The message with named holes.</param>
    /// <param name="args">The values for the holes, in order.</param>
    public void Debug(string messageTemplate, params object?[] args) => Emit(LogLevel.Debug, null, messageTemplate, args);

    /// <summary>Publishes an <see cref="LogLevel.Information"/> event.</summary>
    /// <param name="messageTemplate">The message with named holes.</param>
    /// <param name="args">The values for the holes, in order.</param>
    public void Info(string messageTemplate, params object?[] args) => Emit(LogLevel.Information, null, messageTemplate, args);

    /// <summary>Publishes a <see cref="LogLevel.Warning"/> event.</summary>
    /// <param name="messageTemplate">The message with named holes.</param>
    /// <param name="args">The values for the holes, in order.</param>
    public void Warn(string messageTemplate, params object?[] args) => Emit(LogLevel.Warning, null, messageTemplate, args);

    /// <summary>Publishes an <see cref="LogLevel.Error"/> event.</summary>
    /// <param name="messageTemplate">The message with named holes.</param>
    /// <param name="args">The values for the holes, in order.</param>
    public void Error(string messageTemplate, params object?[] args) => Emit(LogLevel.Error, null, messageTemplate, args);

    /// <summary>Publishes a <see cref="LogLevel.Critical"/> event.</summary>
    /// <param name="messageTemplate">The message with named holes.</param>
    /// <param name="args">The values for the holes, in order.</param>
    public void Critical(string messageTemplate, params object?[] args) => Emit(LogLevel.Critical, null, messageTemplate, args);

    /// <summary>
    /// Publishes a failure at <see cref="LogLevel.Critical"/>, like Twisted's <c>Logger.failure</c>: something
    /// went wrong that no code handled.
    /// </summary>
    /// <param name="messageTemplate">The message with named holes.</param>
    /// <param name="failure">The failure.</param>
    /// <param name="args">The values for the holes, in order.</param>
    public void Failure(string messageTemplate, Failure failure, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(failure);
        Emit(LogLevel.Critical, failure, messageTemplate, args);
    }

    /// <summary>Publishes an exception at <see cref="LogLevel.Critical"/>; see <see cref="Failure(string, Deferreds.Failure, object?[])"/>.</summary>
    /// <param name="messageTemplate">The message with named holes.</param>
    /// <param name="exception">The exception.</param>
    /// <param name="args">The values for the holes, in order.</param>
    public void Failure(string messageTemplate, Exception exception, params object?[] args) =>
        Failure(messageTemplate, new Failure(exception), args);

    private void Emit(LogLevel level, Failure? failure, string messageTemplate, object?[] args)
    {
        ArgumentNullException.ThrowIfNull(messageTemplate);
        if (level == LogLevel.None)
        {
            return;
        }

        var properties = TemplateFormatter.Bind(messageTemplate, args ?? [null]);
        _observer.Observe(new LogEvent(level, Source, messageTemplate, properties, failure, _timeProvider?.GetUtcNow()));
    }
}
