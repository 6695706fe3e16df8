using Xunit.Abstractions;

namespace Trial.Cli.Model;

/// <summary>A test case found in an assembly, with the name it is selected, ordered and sharded by.</summary>
internal sealed record DiscoveredTest(ITestCase Case, TestName Name, string? TodoReason)
{
    /// <summary>The full id of the test case.</summary>
    public string Id => Name.Id;
}
