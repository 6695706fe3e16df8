using Microsoft.Extensions.Logging;
using Trial.Deferreds;

namespace Trial.Logging;

/// <summary>
/// Fans each event out to every observer added to it, like Twisted's <c>LogPublisher</c>. There is no global
/// publisher: whoever needs one makes one and hands it to the loggers and providers that publish to it.
/// </summary>
/// <remarks>
/// <para>
/// An observer that throws does not stop the others from seeing the event. Its exception is published, as an
/// error event from this publisher's source, to every other observer; the throwing observer stays subscribed.
/// </para>
/// <para>Adding, removing and publishing are thread-safe; observers see events in the order they were published
/// from any one thread.</para>
/// </remarks>
public sealed class LogPublisher : ILogObserver
{
    /// <summary>The <see cref="LogEvent.Source"/> of the events that report a throwing observer.</summary>
    public const string ObserverErrorSource = "Trial.Logging.LogPublisher";

    private readonly object _gate = new();
    private ILogObserver[] _observers = [];

    /// <summary>Gets a snapshot of the observers, in the order they were added.</summary>
    public IReadOnlyList<ILogObserver> Observers => Volatile.Read(ref _observers);

    /// <summary>Adds an observer; adding it twice makes it see every event twice.</summary>
    /// <param name="observer">The observer.</param>
    public void AddObserver(ILogObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_gate)
        {
            _observers = [.. _observers, observer];
        }
    }

    /// <summary>Removes one subscription of an observer.</summary>
    /// <param name="observer">The observer.</param>
    /// <returns><see langword="true"/> if it was subscribed.</returns>
    public bool RemoveObserver(ILogObserver observer)
    {
        lock (_gate)
        {
            int index = Array.IndexOf(_observers, observer);
            if (index < 0)
            {
                return false;
            }

            var copy = new List<ILogObserver>(_observers);
            copy.RemoveAt(index);
            _observers = [.. copy];
            return true;
        }
    }

    /// <summary>Delivers <paramref name="logEvent"/> to every observer.</summary>
    /// <param name="logEvent">The event.</param>
    public void Observe(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var observers = Volatile.Read(ref _observers);
        foreach (var observer in observers)
        {
            try
            {
                observer.Observe(logEvent);
            }
            catch (Exception ex)
            {
                ReportBrokenObserver(observers, observer, ex);
            }
        }
    }

    private static void ReportBrokenObserver(ILogObserver[] observers, ILogObserver broken, Exception ex)
    {
        var report = new LogEvent(
            LogLevel.Error,
            ObserverErrorSource,
            "Log observer {Observer} threw while observing an event",
            [new("Observer", broken)],
            new Failure(ex),
            null);
        foreach (var observer in observers)
        {
            if (ReferenceEquals(observer, broken))
            {
                continue;
            }

            try
            {
                observer.Observe(report);
            }
            catch (Exception)
            {
                // An observer that also fails on the report has nobody left to tell; the event is not lost for
                // the others, which is what isolation promises.
            }
        }
    }
}
