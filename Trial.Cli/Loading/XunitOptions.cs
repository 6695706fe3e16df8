using Xunit.Abstractions;

namespace Trial.Cli.Loading;

/// <summary>
/// xunit's discovery and execution options, a bag of named values. The trial command runs
/// serially with synchronous message reporting: results arrive in the order tests ran, and no
/// message-bus thread is started per run.
/// </summary>
internal sealed class XunitOptions : ITestFrameworkDiscoveryOptions, ITestFrameworkExecutionOptions
{
    private readonly Dictionary<string, object?> values = new(StringComparer.Ordinal);

    /// <summary>Options for discovery: theories enumerated into one case per row.</summary>
    public static XunitOptions ForDiscovery()
    {
        var options = new XunitOptions();
        options.SetValue("xunit.discovery.PreEnumerateTheories", true);
        options.SetValue("xunit.discovery.SynchronousMessageReporting", true);
        return options;
    }

    /// <summary>Options for execution: serial, synchronous.</summary>
    public static XunitOptions ForExecution()
    {
        var options = new XunitOptions();
        options.SetValue("xunit.execution.DisableParallelization", true);
        options.SetValue("xunit.execution.SynchronousMessageReporting", true);
        options.SetValue("xunit.execution.MaxParallelThreads", 1);
        return options;
    }

    /// <inheritdoc/>
    public TValue GetValue<TValue>(string name) =>
        values.TryGetValue(name, out var value) && value is TValue typed ? typed : default!;

    /// <inheritdoc/>
    public void SetValue<TValue>(string name, TValue value) => values[name] = value;
}
