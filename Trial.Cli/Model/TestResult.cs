namespace Trial.Cli.Model;

/// <summary>
/// One test's result, as reporters and worker processes see it.
/// <see cref="Detail"/> is the skip reason or the exception text with its stack; <see cref="Reason"/>
/// is a Todo test's reason; <see cref="CaseId"/> the xunit test case it came from, when it came from one.
/// </summary>
internal sealed record TestResult(
    TestName Name,
    TestOutcome Outcome,
    string Detail,
    double Seconds,
    string Output,
    string? Reason = null,
    string? CaseId = null)
{
    /// <summary>Whether this result makes the run fail (Twisted: failures and errors only).</summary>
    public bool IsProblem => Outcome is TestOutcome.Fail or TestOutcome.Error;
}
