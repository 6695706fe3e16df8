using Trial.Cli.Model;

namespace Trial.Cli.Running;

/// <summary>
/// Runs the plan in this process, one xunit run per test case, so tests run in exactly the plan's
/// order (xunit would reorder a class's cases by its own orderer). The cost is xunit's per-run set-up,
/// and class fixtures (<c>IClassFixture</c>) being made once per test rather than once per class.
/// </summary>
internal sealed class SerialExecutor : ITestExecutor
{
    /// <inheritdoc/>
    public void Run(IReadOnlyList<PlannedTest> plan, Func<int, TestResult, bool> report)
    {
        for (var i = 0; i < plan.Count; i++)
        {
            var go = true;
            var index = i;
            plan[i].Assembly.Run([plan[i].Test], r => go &= report(index, r));
            if (!go)
            {
                return;
            }
        }
    }
}
