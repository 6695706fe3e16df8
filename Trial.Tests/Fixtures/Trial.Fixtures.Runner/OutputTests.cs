using Xunit.Abstractions;

namespace Trial.Fixtures.Runner;

/// <summary>A reactor test class that asks xunit for its output helper, as plain xunit classes do.</summary>
public sealed class OutputTests(ITestOutputHelper output) : TestCase
{
    [ReactorFact(Mode = ReactorMode.Both)]
    public void Writes_to_both_outputs()
    {
        output.WriteLine($"constructor's helper in mode {Mode}");
        Output.WriteLine($"Output in mode {Mode}");
    }
}
