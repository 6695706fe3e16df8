using Trial.Cli.Model;

namespace Trial.Cli.Reporting;

/// <summary>Twisted's <c>VerboseTextReporter</c>: <c>Full.Test.Id ... [OK]</c>, one line a test.</summary>
internal sealed class VerboseReporter(TextWriter output, Colorizer colors) : Reporter(output, colors)
{
    /// <inheritdoc/>
    protected override void WriteResult(TestResult result)
    {
        var status = result.Outcome switch
        {
            TestOutcome.Ok => "[OK]",
            TestOutcome.Fail => "[FAILURE]",
            TestOutcome.Error => "[ERROR]",
            TestOutcome.Skipped => "[SKIPPED]",
            TestOutcome.Todo => "[TODO]",
            _ => "[SUCCESS!?!]",
        };
        Output.Write(result.Name.Id + " ... " + status + "\n");
    }
}
