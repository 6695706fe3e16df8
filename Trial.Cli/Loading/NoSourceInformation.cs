using Xunit.Abstractions;

namespace Trial.Cli.Loading;

/// <summary>
/// Source lines are not looked up at discovery (it costs a PDB read per test); annotations take
/// them from the stack trace of the failure instead.
/// </summary>
internal sealed class NoSourceInformation : ISourceInformationProvider, ISourceInformation
{
    /// <inheritdoc/>
    public string? FileName { get; set; }

    /// <inheritdoc/>
    public int? LineNumber { get; set; }

    /// <inheritdoc/>
    public ISourceInformation GetSourceInformation(ITestCase testCase) => new NoSourceInformation();

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    /// <inheritdoc/>
    public void Deserialize(IXunitSerializationInfo info)
    {
    }

    /// <inheritdoc/>
    public void Serialize(IXunitSerializationInfo info)
    {
    }
}
