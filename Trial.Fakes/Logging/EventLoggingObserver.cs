using Trial.Logging;

namespace Trial.Fakes.Logging;

/// <summary>
/// A log observer that keeps every event it sees, so a test can assert on what was logged (Twisted's
/// <c>EventLoggingObserver</c>). Thread-safe: reactors and finalizers may log from other threads.
/// </summary>
public sealed class EventLoggingObserver : ILogObserver, IDisposable
{
    private readonly List<LogEvent> _events = [];
    private readonly Lock _gate = new();
    private LogPublisher? _publisher;

    /// <summary>Gets the number of events seen so far.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    /// <summary>Makes an observer and adds it to <paramref name="publisher"/>; disposing it removes it again.</summary>
    /// <param name="publisher">The publisher to observe.</param>
    /// <returns>The attached observer.</returns>
    public static EventLoggingObserver Attach(LogPublisher publisher)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        var observer = new EventLoggingObserver { _publisher = publisher };
        publisher.AddObserver(observer);
        return observer;
    }

    /// <summary>Returns the events seen so far, oldest first.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<LogEvent> Events()
    {
        lock (_gate)
        {
            return [.. _events];
        }
    }

    /// <summary>Returns the events seen so far at error level or above whose exception is a <typeparamref name="TException"/>.</summary>
    /// <typeparam name="TException">The exception type to look for.</typeparam>
    /// <returns>A snapshot, oldest first.</returns>
    public IReadOnlyList<LogEvent> Errors<TException>()
        where TException : Exception
    {
        lock (_gate)
        {
            return _events.Where(e => e.IsError && e.Exception is TException).ToList();
        }
    }

    /// <summary>Forgets every event seen so far.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _events.Clear();
        }
    }

    /// <inheritdoc/>
    public void Observe(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        lock (_gate)
        {
            _events.Add(logEvent);
        }
    }

    /// <summary>Stops observing the publisher given to <see cref="Attach"/>; the events seen stay readable.</summary>
    public void Dispose()
    {
        _publisher?.RemoveObserver(this);
        _publisher = null;
    }
}
