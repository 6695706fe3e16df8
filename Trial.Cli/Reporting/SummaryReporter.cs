using System.Globalization;
using Trial.Cli.Model;

namespace Trial.Cli.Reporting;

/// <summary>
/// Twisted's <c>MinimalReporter</c> (<c>--reporter=summary</c>): nothing per test, no problems, and a
/// last line of numbers: <c>seconds tests tests errors failures skips</c>.
/// </summary>
internal sealed class SummaryReporter(TextWriter output, Colorizer colors) : Reporter(output, colors)
{
    /// <inheritdoc/>
    protected override void WriteResult(TestResult result)
    {
    }

    /// <inheritdoc/>
    protected override void WriteProblems(RunTally tally)
    {
    }

    /// <inheritdoc/>
    protected override void WriteSummary(RunTally tally, TimeSpan elapsed) =>
        Output.Write(string.Join(' ',
            elapsed.TotalSeconds.ToString("R", CultureInfo.InvariantCulture),
            tally.TestsRun,
            tally.TestsRun,
            tally.Count(TestOutcome.Error),
            tally.Count(TestOutcome.Fail),
            tally.Count(TestOutcome.Skipped)) + "\n");
}
