namespace Trial.Logging;

/// <summary>Receives <see cref="LogEvent"/>s, like an observer of Twisted's <c>twisted.logger</c>.</summary>
/// <remarks>
/// An observer may be called from the finalizer thread (unhandled deferred failures are reported when the
/// deferred is collected), so implementations that keep state should be thread-safe.
/// </remarks>
public interface ILogObserver
{
    /// <summary>Handles one event.</summary>
    /// <param name="logEvent">The event.</param>
    void Observe(LogEvent logEvent);
}
