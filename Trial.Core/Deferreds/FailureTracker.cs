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

    private LogEvent Report(Failure failure) => new(
        LogLevel.Critical,
        Deferred.UnhandledFailureSource,
        "Unhandled error in {Deferred}",
        [new("Deferred", Name)],
        failure);
}
