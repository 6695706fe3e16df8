using Trial.Cli.Model;

namespace Trial.Cli.Running;

/// <summary>Runs a plan, handing back results in plan order.</summary>
internal interface ITestExecutor
{
    /// <summary>
    /// Runs <paramref name="plan"/> in order; <paramref name="report"/> receives each result with the
    /// index of its test in the plan, and returns false to stop the run after that test.
    /// </summary>
    void Run(IReadOnlyList<PlannedTest> plan, Func<int, TestResult, bool> report);
}
