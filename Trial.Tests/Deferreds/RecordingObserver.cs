using System.Collections.Concurrent;
using Trial.Logging;

namespace Trial.Tests.Deferreds;

/// <summary>Keeps every event it observes; thread-safe, because unhandled failures arrive on the finalizer thread.</summary>
internal sealed class RecordingObserver : ILogObserver
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Observe(LogEvent logEvent) => _events.Enqueue(logEvent);
}
