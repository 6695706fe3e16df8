using Trial.Cli.Loading;
using Trial.Cli.Model;
using Trial.Cli.Selection;
using Trial.Cli.State;
using Trial.Cli.Targets;

namespace Trial.Cli.Running;

/// <summary>
/// Discovers each assembly's tests and chooses and orders those that run: <c>--filter</c>,
/// <c>--shard</c>, <c>--last-failed</c>, then the order (<c>--order</c> or <c>--random</c>), then
/// <c>--failed-first</c>.
/// </summary>
internal sealed class RunPlanner(TrialOptions options, TextWriter log)
{
    /// <summary>The plan for <paramref name="assemblies"/>, with the shuffle seed already chosen.</summary>
    /// <exception cref="TrialInputException">An assembly has no tests.</exception>
    public List<PlannedTest> Plan(IReadOnlyList<(TestTarget Target, XunitAssembly Assembly)> assemblies, long? shuffleSeed)
    {
        var selected = new List<DiscoveredTest>();
        var owners = new Dictionary<DiscoveredTest, (TestTarget, XunitAssembly)>(ReferenceEqualityComparer.Instance);
        var failedBefore = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (target, assembly) in assemblies)
        {
            var tests = assembly.Discover();
            if (tests.Count == 0)
            {
                throw new TrialInputException($"{target.AssemblyPath}: no tests found (is it an xunit v2 test assembly with [Fact] or [Theory] methods?)", ExitCodes.Failed);
            }

            var failed = options.LastFailed || options.FailedFirst ? new TrialState(target.StateDirectory).ReadLastFailed() : new HashSet<string>();
            failedBefore.UnionWith(failed);
            foreach (var test in tests)
            {
                if (!TestFilter.Matches(test.Id, options.Filters)
                    || (options.Shard is { } shard && TestFilter.ShardOf(test.Id, shard.Count) != shard.Index - 1)
                    || (options.LastFailed && failed.Count > 0 && !failed.Contains(test.Id)))
                {
                    continue;
                }

                selected.Add(test);
                owners[test] = (target, assembly);
            }
        }

        if (options.LastFailed && failedBefore.Count == 0)
        {
            log.Write("trial: no failures recorded in .trial/last-failed; running every test\n");
        }

        var ordered = TestOrder.Apply(selected, options.Order, shuffleSeed);
        if (options.FailedFirst)
        {
            ordered = TestOrder.FailedFirst(ordered, failedBefore);
        }

        return ordered.Select(t => new PlannedTest(owners[t].Item2, owners[t].Item1, t)).ToList();
    }
}
