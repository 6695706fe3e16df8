using Trial.Deferreds;
using Trial.Fakes.Memory;
using Trial.Fakes.Simulation;

namespace Trial.Runner;

/// <summary>The <c>Should()</c> entry points of Trial's FluentAssertions: deferreds, tasks, transports and traces.</summary>
public static class TrialAssertionExtensions
{
    /// <summary>Starts assertions on a deferred's current result.</summary>
    /// <typeparam name="T">The type of the result.</typeparam>
    /// <param name="deferred">The deferred.</param>
    /// <returns>The assertions.</returns>
    public static DeferredAssertions<T> Should<T>(this Deferred<T>? deferred) => new(deferred!);

    /// <summary>Starts assertions on a task's current outcome.</summary>
    /// <typeparam name="T">The type of the result.</typeparam>
    /// <param name="task">The task.</param>
    /// <returns>The assertions.</returns>
    public static TaskResultAssertions<T> Should<T>(this Task<T>? task) => new(task!);

    /// <summary>Starts assertions on a task's current outcome.</summary>
    /// <param name="task">The task.</param>
    /// <returns>The assertions.</returns>
    public static TaskResultAssertions<object> Should(this Task? task) => new(task!);

    /// <summary>Starts assertions on what a string transport recorded.</summary>
    /// <param name="transport">The transport.</param>
    /// <returns>The assertions.</returns>
    public static StringTransportAssertions Should(this StringTransport? transport) => new(transport!);

    /// <summary>Starts assertions on a simulated network's trace.</summary>
    /// <param name="trace">The trace.</param>
    /// <returns>The assertions.</returns>
    public static NetworkTraceAssertions Should(this NetworkTrace? trace) => new(trace!);
}
