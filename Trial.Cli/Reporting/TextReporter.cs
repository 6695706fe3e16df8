using Trial.Cli.Model;

namespace Trial.Cli.Reporting;

/// <summary>Twisted's <c>TextReporter</c>: one character a test (<c>. F E S T !</c>), then the full report.</summary>
internal sealed class TextReporter(TextWriter output, Colorizer colors) : Reporter(output, colors)
{
    /// <inheritdoc/>
    protected override void WriteResult(TestResult result) => Output.Write(result.Outcome switch
    {
        TestOutcome.Ok => '.',
        TestOutcome.Fail => 'F',
        TestOutcome.Error => 'E',
        TestOutcome.Skipped => 'S',
        TestOutcome.Todo => 'T',
        _ => '!',
    });
}
