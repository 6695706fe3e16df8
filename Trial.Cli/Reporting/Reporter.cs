using System.Globalization;
using Trial.Cli.Model;

namespace Trial.Cli.Reporting;

/// <summary>
/// Twisted's <c>Reporter</c>: each result as it comes (per subclass), then at the end every problem
/// in full between separator lines, <c>Ran N tests in X.XXXs</c>, and <c>PASSED</c> or <c>FAILED</c>
/// with the counts.
/// </summary>
internal abstract class Reporter(TextWriter output, Colorizer colors)
{
    /// <summary>Twisted's separator before the summary.</summary>
    public static readonly string Separator = new('-', 79);

    /// <summary>Twisted's separator before each problem.</summary>
    public static readonly string DoubleSeparator = new('=', 79);

    /// <summary>Where the report goes.</summary>
    protected TextWriter Output { get; } = output;

    /// <summary>How statuses are coloured.</summary>
    protected Colorizer Colors { get; } = colors;

    /// <summary>Whether problems are printed as they happen (<c>--rterrors</c>) as well as at the end.</summary>
    public bool Realtime { get; init; }

    /// <summary>Reports one result, in report order.</summary>
    public void Report(TestResult result)
    {
        WriteResult(result);
        if (Realtime && result.IsProblem)
        {
            Output.Write(result.Detail);
            Output.Write('\n');
        }
    }

    /// <summary>Writes a plain line (a <c>Test Pass N</c> or a seed notice).</summary>
    public virtual void Notice(string line) => Output.Write(line + "\n");

    /// <summary>Ends the report: problems, the separator, the time, the verdict.</summary>
    public void Done(RunTally tally, TimeSpan elapsed)
    {
        WriteProblems(tally);
        Output.Write(Separator + "\n");
        if (tally.TestsRun > 0)
        {
            Output.Write($"Ran {tally.TestsRun} tests in {elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)}s\n");
        }

        Output.Write("\n");
        WriteSummary(tally, elapsed);
        Output.Flush();
    }

    /// <summary>Writes one result as it comes.</summary>
    protected abstract void WriteResult(TestResult result);

    /// <summary>Writes the last line; Twisted's <c>_printSummary</c>.</summary>
    protected virtual void WriteSummary(RunTally tally, TimeSpan elapsed)
    {
        Colors.Write(Output, tally.Passed ? "PASSED" : "FAILED", tally.Passed ? Colorizer.Green : Colorizer.Red);
        Output.Write(tally.Summary() + "\n");
    }

    /// <summary>Writes each problem, grouped by identical text; Twisted's <c>_printErrors</c>.</summary>
    protected virtual void WriteProblems(RunTally tally)
    {
        Output.Write("\n");
        WriteGroup(tally, TestOutcome.Skipped, "[SKIPPED]", r => r.Detail + "\n");
        WriteGroup(tally, TestOutcome.Todo, "[TODO]", r => $"Reason: '{r.Reason}'\n{r.Detail}\n");
        WriteGroup(tally, TestOutcome.Fail, "[FAIL]", r => r.Detail + "\n");
        WriteGroup(tally, TestOutcome.Error, "[ERROR]", r => r.Detail + "\n");
        WriteGroup(tally, TestOutcome.UnexpectedSuccess, "[SUCCESS!?!]", r => $"Reason: '{r.Reason}'\n");
    }

    private void WriteGroup(RunTally tally, TestOutcome outcome, string flavor, Func<TestResult, string> format)
    {
        if (tally.Count(outcome) == 0)
        {
            return;
        }

        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var result in tally.Results)
        {
            if (result.Outcome != outcome)
            {
                continue;
            }

            var key = format(result);
            if (!groups.TryGetValue(key, out var ids))
            {
                groups[key] = ids = [];
                order.Add(key);
            }

            ids.Add(result.Name.Id);
        }

        foreach (var key in order)
        {
            Output.Write(DoubleSeparator + "\n" + flavor + "\n" + key + "\n");
            foreach (var id in groups[key])
            {
                Output.Write(id + "\n");
            }
        }
    }
}
