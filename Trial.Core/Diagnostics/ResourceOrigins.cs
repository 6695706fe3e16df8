using System.Runtime.CompilerServices;

namespace Trial.Diagnostics;

/// <summary>
/// Remembers where reactor resources (delayed calls, ports, connections) were made, so that a test runner can
/// name the test, the stack and the time behind each thing a test left behind. Off unless a runner turns it on
/// for its test's asynchronous flow with <see cref="Begin"/>; then each resource made in that flow (including
/// by the reactor loops the test starts, which inherit the flow) is recorded once, when it is made.
/// </summary>
internal static class ResourceOrigins
{
    private static readonly AsyncLocal<Func<object>?> Recorder = new();
    private static readonly ConditionalWeakTable<object, object> Table = [];

    /// <summary>Gets a value indicating whether resources made in the current flow are being recorded.</summary>
    internal static bool Recording => Recorder.Value is not null;

    /// <summary>Records, for everything made in the current flow, the origin <paramref name="capture"/> describes.</summary>
    /// <param name="capture">Describes the current place and time; called on the thread that makes the resource.</param>
    internal static void Begin(Func<object> capture) => Recorder.Value = capture;

    /// <summary>Stops recording in the current flow.</summary>
    internal static void End() => Recorder.Value = null;

    /// <summary>Records where <paramref name="resource"/> is being made, when recording is on; otherwise does nothing.</summary>
    /// <param name="resource">The new resource.</param>
    internal static void Record(object resource)
    {
        if (Recorder.Value is { } capture)
        {
            Table.AddOrUpdate(resource, capture());
        }
    }

    /// <summary>Describes the current place and time when recording is on, for an object that keeps its own origin.</summary>
    /// <returns>What the capture function returns, or <see langword="null"/> when recording is off.</returns>
    internal static object? Capture() => Recorder.Value?.Invoke();

    /// <summary>
    /// Gives <paramref name="resource"/> the origin of <paramref name="maker"/>, when it has one: a connection a real
    /// reactor makes on its own thread, where no test code is on the stack, was made by the test's connect or listen.
    /// </summary>
    internal static void Inherit(object resource, object maker)
    {
        if (Table.TryGetValue(maker, out var origin))
        {
            Table.AddOrUpdate(resource, origin);
        }
    }

    /// <summary>Returns the origin recorded for <paramref name="resource"/>, if any.</summary>
    /// <param name="resource">The resource.</param>
    /// <returns>What the capture function returned when it was made, or <see langword="null"/>.</returns>
    internal static object? Of(object resource) => Table.TryGetValue(resource, out var origin) ? origin : null;
}
