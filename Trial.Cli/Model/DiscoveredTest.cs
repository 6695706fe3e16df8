using Xunit.Abstractions;

namespace Trial.Cli.Model;

/// <summary>
/// A test case found in an assembly, with the name it is selected, ordered and sharded by.
/// <see cref="SharesFixture"/> is set when its class has a class fixture (<c>IClassFixture</c>) or
/// its collection a collection fixture: such a class runs in one xunit run so the fixture is made
/// once, as under <c>dotnet test</c>.
/// </summary>
internal sealed record DiscoveredTest(ITestCase Case, TestName Name, string? TodoReason, bool SharesFixture = false)
{
    /// <summary>The full id of the test case.</summary>
    public string Id => Name.Id;
}
