using Trial.Cli.Model;

namespace Trial.Cli.Running;

/// <summary>Runs the plan in this process, in plan order (see <see cref="OrderedRunner"/>).</summary>
internal sealed class SerialExecutor : ITestExecutor
{
    /// <inheritdoc/>
    public void Run(IReadOnlyList<PlannedTest> plan, Func<int, TestResult, bool> report) =>
        OrderedRunner.Run(plan.Select((p, i) => (i, p.Assembly, p.Test)).ToList(), report);
}
