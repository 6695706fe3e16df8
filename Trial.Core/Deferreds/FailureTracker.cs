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
    private static int s_armed;

    internal FailureTracker(Failure failure, ILogObserver? observer, string name)
    {
        Failure = failure;
        Observer = observer;
        Name = name;
        Origin = Diagnostics.ResourceOrigins.Capture();
        Interlocked.Increment(ref s_armed);
    }

    ~FailureTracker()
    {
        Interlocked.Decrement(ref s_armed);
        if (Failure is { } failure)
        {
            Deferred.ReportUnhandled(Observer, Report(failure));
        }
    }

    /// <summary>
    /// Gets a value indicating whether any chain in the process holds a failure nobody handled: only then can a
    /// collection report one, so a runner that collects after each test to blame leaks skips it otherwise.
    /// </summary>
    internal static bool AnyArmed => Volatile.Read(ref s_armed) > 0;

    /// <summary>Gets or sets the unhandled failure, or <see langword="null"/> once it was handled.</summary>
    internal Failure? Failure { get; set; }

    /// <summary>The failure was handled: the tracker no longer reports, and no longer counts.</summary>
    internal void Disarm()
    {
        Failure = null;
        GC.SuppressFinalize(this);
        Interlocked.Decrement(ref s_armed);
    }

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
