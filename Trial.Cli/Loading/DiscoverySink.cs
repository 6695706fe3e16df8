using Xunit.Abstractions;

namespace Trial.Cli.Loading;

/// <summary>Collects the test cases xunit discovers, and signals when discovery is complete.</summary>
internal sealed class DiscoverySink : IMessageSink, IDisposable
{
    private readonly List<ITestCase> testCases = [];

    /// <summary>Set when xunit reports discovery complete.</summary>
    public ManualResetEventSlim Finished { get; } = new();

    /// <summary>The cases found, in discovery order.</summary>
    public IReadOnlyList<ITestCase> TestCases => testCases;

    /// <inheritdoc/>
    public bool OnMessage(IMessageSinkMessage message)
    {
        switch (message)
        {
            case ITestCaseDiscoveryMessage found:
                testCases.Add(found.TestCase);
                break;
            case IDiscoveryCompleteMessage:
                Finished.Set();
                break;
        }

        return true;
    }

    /// <inheritdoc/>
    public void Dispose() => Finished.Dispose();
}
