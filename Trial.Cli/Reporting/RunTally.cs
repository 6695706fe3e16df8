using Trial.Cli.Model;

namespace Trial.Cli.Reporting;

/// <summary>Every result of a run in report order, with Twisted's counts.</summary>
internal sealed class RunTally
{
    private readonly List<TestResult> results = [];
    private readonly int[] counts = new int[Enum.GetValues<TestOutcome>().Length];

    /// <summary>The results so far, in report order.</summary>
    public IReadOnlyList<TestResult> Results => results;

    /// <summary>How many tests ran.</summary>
    public int TestsRun => results.Count;

    /// <summary>Adds a result.</summary>
    public void Add(TestResult result)
    {
        results.Add(result);
        counts[(int)result.Outcome]++;
    }

    /// <summary>How many results had <paramref name="outcome"/>.</summary>
    public int Count(TestOutcome outcome) => counts[(int)outcome];

    /// <summary>Twisted's wasSuccessful: no failures and no errors (unexpected successes do not fail a run).</summary>
    public bool Passed => Count(TestOutcome.Fail) == 0 && Count(TestOutcome.Error) == 0;

    /// <summary>
    /// Twisted's summary counts, in its order: <c> (skips=.., expectedFailures=.., failures=.., errors=..,
    /// unexpectedSuccesses=.., successes=..)</c>, zero counts left out; empty when all are zero.
    /// </summary>
    public string Summary()
    {
        var parts = new List<string>(6);
        Add(parts, "skips", TestOutcome.Skipped);
        Add(parts, "expectedFailures", TestOutcome.Todo);
        Add(parts, "failures", TestOutcome.Fail);
        Add(parts, "errors", TestOutcome.Error);
        Add(parts, "unexpectedSuccesses", TestOutcome.UnexpectedSuccess);
        Add(parts, "successes", TestOutcome.Ok);
        return parts.Count == 0 ? "" : " (" + string.Join(", ", parts) + ")";
    }

    private void Add(List<string> parts, string label, TestOutcome outcome)
    {
        if (Count(outcome) > 0)
        {
            parts.Add($"{label}={Count(outcome)}");
        }
    }
}
