using Microsoft.Extensions.Logging;
using Trial.Logging;

namespace Trial.Deferreds;

/// <summary>
/// Twisted's <c>DebugInfo</c>: a small finalizable object that a chain holds only while its result is a failure
/// nobody handled. If the chain is collected in that state, the finalizer reports the failure; handling the failure
/// drops the tracker and suppresses its finalizer, so deferreds themselves never need one.
/// </summary>
internal sealed class FailureTracker
{
    internal FailureTracker(Failure failure, ILogObserver? observer, string name)
    {
        Failure = failure;
        Observer = observer;
        Name = name;
        Origin = Diagnostics.ResourceOrigins.Capture();
    }

    ~FailureTracker()
    {
        if (Failure is { } failure)
        {
            Deferred.ReportUnhandled(Observer, Report(failure));
        }
    }

    /// <summary>Gets or sets the unhandled failure, or <see langword="null"/> once it was handled.</summary>
    internal Failure? Failure { get; set; }

    /// <summary>Gets or sets where to report: the observer that was current where the chain failed.</summary>
    internal ILogObserver? Observer { get; set; }

    private string Name { get; }

    /// <summary>Gets where and when the chain failed, when a test runner records origins; reported as the event's <c>Origin</c> property.</summary>
    private object? Origin { get; }

    private LogEvent Report(Failure failure) => new(
        LogLevel.Critical,
        Deferred.UnhandledFailureSource,
        "Unhandled error in {Deferred}",
        Origin is null ? [new("Deferred", Name)] : [new("Deferred", Name), new("Origin", Origin)],
        failure);
}
