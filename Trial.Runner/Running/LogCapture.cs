using System.Globalization;
using Trial.Deferreds;
using Trial.Logging;
using Xunit.Abstractions;

namespace Trial.Runner.Running;

/// <summary>
/// The test's log observer: writes each event to the test's output, records it in the run's trace, and keeps the
/// errors until the test flushes them. Thread-safe: reactors and finalizers log from other threads.
/// </summary>
internal sealed class LogCapture(ITestOutputHelper? output, RunRecord record, ReactorTestContext context) : ILogObserver
{
    private readonly List<(LogEvent Event, TimeSpan At)> _errors = [];
    private readonly Lock _gate = new();

    public void Observe(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        // An event from a logger given no time source is stamped with the test's time when it is seen.
        var now = context.Now;
        string time = logEvent.Timestamp is { } stamp ? context.FormatTime(stamp) : now.ToString("c", CultureInfo.InvariantCulture);
        string line = string.Create(CultureInfo.InvariantCulture, $"[{time}] {logEvent.Level} [{logEvent.Source}] {logEvent.FormatMessage()}");
        record.Add(line);
        if (logEvent.IsError)
        {
            lock (_gate)
            {
                _errors.Add((logEvent, now));
            }
        }

        try
        {
            output?.WriteLine(logEvent.Failure is null ? line : $"{line}{Environment.NewLine}{logEvent.Failure}");
        }
        catch (InvalidOperationException)
        {
            // The output closes when the test ends; a finalizer's late report still counts as an error above.
        }
    }

    /// <summary>Removes and returns the errors whose exception is a <typeparamref name="TException"/>.</summary>
    internal IReadOnlyList<LogEvent> Flush<TException>()
        where TException : Exception
    {
        lock (_gate)
        {
            var flushed = _errors.Where(e => e.Event.Exception is TException).Select(e => e.Event).ToList();
            _errors.RemoveAll(e => e.Event.Exception is TException);
            return flushed;
        }
    }

    /// <summary>Removes and returns every error not flushed, split into unhandled deferred failures and the rest.</summary>
    /// <remarks>Each comes with the test's time when it was logged.</remarks>
    internal (IReadOnlyList<(LogEvent Event, TimeSpan At)> Logged, IReadOnlyList<(LogEvent Event, TimeSpan At)> Unhandled) TakeAll()
    {
        lock (_gate)
        {
            var unhandled = _errors.Where(e => IsUnhandledFailure(e.Event)).ToList();
            var logged = _errors.Where(e => !IsUnhandledFailure(e.Event)).ToList();
            _errors.Clear();
            return (logged, unhandled);
        }
    }

    private static bool IsUnhandledFailure(LogEvent e) => e.Source == Deferred.UnhandledFailureSource;
}
