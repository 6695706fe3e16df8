using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Trial.Logging;

namespace Trial.Deferreds;

/// <content>Where failures that no code handled are reported.</content>
public abstract partial class Deferred
{
    /// <summary>The <see cref="LogEvent.Source"/> of the events that report unhandled failures.</summary>
    public const string UnhandledFailureSource = "Trial.Deferreds.Deferred";

    private static readonly AsyncLocal<ILogObserver?> CurrentUnhandledFailureObserver = new();

    /// <summary>
    /// Gets the observer that receives the failures of deferreds that end in a failure nobody handled, for code
    /// running in the current asynchronous flow; <see langword="null"/> when none was set.
    /// </summary>
    /// <remarks>
    /// <para>
    /// A deferred whose chain ends in a failure, and that is then collected without any code having handled it,
    /// reports the failure as a <see cref="LogLevel.Critical"/> <see cref="LogEvent"/> from
    /// <see cref="UnhandledFailureSource"/>. The report is made by the finalizer thread, after a garbage collection,
    /// so the destination cannot be looked up then: the deferred captures this observer at the moment its chain
    /// ends in the failure.
    /// </para>
    /// <para>
    /// The observer is an <see cref="AsyncLocal{T}"/> value, set for a scope with
    /// <see cref="ReportUnhandledFailuresTo"/>. That is the least global design that still catches leaks from code a
    /// test runner does not control: it flows into everything the test runs (callbacks, awaits, reactor calls made
    /// from the test's flow) and into nothing else, so tests running in parallel each see only their own leaks.
    /// Without an observer the report goes to <see cref="Trace"/>.
    /// </para>
    /// </remarks>
    public static ILogObserver? UnhandledFailureObserver => CurrentUnhandledFailureObserver.Value;

    /// <summary>
    /// Sends unhandled failures of deferreds that fail in the current asynchronous flow to <paramref name="observer"/>,
    /// until the returned scope is disposed; see <see cref="UnhandledFailureObserver"/>.
    /// </summary>
    /// <param name="observer">Usually a test's <see cref="LogPublisher"/>.</param>
    /// <returns>A scope whose disposal restores the previous observer.</returns>
    public static IDisposable ReportUnhandledFailuresTo(ILogObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var scope = new Scope(CurrentUnhandledFailureObserver.Value);
        CurrentUnhandledFailureObserver.Value = observer;
        return scope;
    }

    /// <summary>Reports an error no caller can receive (a canceller that threw while a combinator cancelled it).</summary>
    internal static void ReportError(string messageTemplate, Exception exception) =>
        ReportUnhandled(UnhandledFailureObserver, new LogEvent(LogLevel.Error, UnhandledFailureSource, messageTemplate, [], new Failure(exception)));

    internal static void ReportUnhandled(ILogObserver? observer, LogEvent logEvent)
    {
        try
        {
            if (observer is null)
            {
                Trace.TraceError(logEvent.ToString());
            }
            else
            {
                observer.Observe(logEvent);
            }
        }
        catch (Exception)
        {
            // Reports come from finalizers and cancellation paths, where an exception would crash the process or
            // hide the caller's own outcome; a broken observer loses the report instead.
        }
    }

    private sealed class Scope(ILogObserver? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                CurrentUnhandledFailureObserver.Value = previous;
            }
        }
    }
}
