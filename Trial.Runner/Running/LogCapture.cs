using System.Globalization;
using Trial.Deferreds;
using Trial.Logging;
using Xunit.Abstractions;

namespace Trial.Runner.Running;

/// <summary>
/// The test's log observer: writes each event to the test's output, records it in the run's trace, and keeps the
/// errors until the test flushes them. Thread-safe: reactors and finalizers log from other threads.
/// </summary>
internal sealed class LogCapture(ITestOutputHelper? output, RunRecord record, Func<DateTimeOffset, string> formatTime) : ILogObserver
{
    private readonly List<LogEvent> _errors = [];
    private readonly Lock _gate = new();

    public void Observe(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        string time = logEvent.Timestamp is { } stamp ? formatTime(stamp) : "--:--:--";
        string line = string.Create(CultureInfo.InvariantCulture, $"[{time}] {logEvent.Level} [{logEvent.Source}] {logEvent.FormatMessage()}");
        record.Add(line);
        if (logEvent.IsError)
        {
            lock (_gate)
            {
                _errors.Add(logEvent);
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
            var flushed = _errors.Where(e => e.Exception is TException).ToList();
            _errors.RemoveAll(e => e.Exception is TException);
            return flushed;
        }
    }

    /// <summary>Removes and returns every error not flushed, split into unhandled deferred failures and the rest.</summary>
    internal (IReadOnlyList<LogEvent> Logged, IReadOnlyList<LogEvent> Unhandled) TakeAll()
    {
        lock (_gate)
        {
            var unhandled = _errors.Where(IsUnhandledFailure).ToList();
            var logged = _errors.Where(e => !IsUnhandledFailure(e)).ToList();
            _errors.Clear();
            return (logged, unhandled);
        }
    }

    private static bool IsUnhandledFailure(LogEvent e) => e.Source == Deferred.UnhandledFailureSource;
}
