using Trial.Cli.Loading;
using Trial.Cli.Model;
using Trial.Cli.Running;

namespace Trial.Cli.Workers;

/// <summary>
/// A worker process (<c>trial --worker-tests FILE</c>, started by <see cref="WorkerExecutor"/>): runs
/// the tests listed in FILE (<c>index TAB assembly TAB test case id</c>, one a line) in that order,
/// and streams each result back on stdout as a <see cref="WorkerMessage"/> line.
/// </summary>
internal static class Worker
{
    /// <summary>Runs the listed tests and returns 0; results, not the exit code, carry the outcome.</summary>
    public static int Run(TrialOptions options, string testsFile, TextWriter output)
    {
        _ = options;
        var assemblies = new Dictionary<string, (XunitAssembly Assembly, Dictionary<string, DiscoveredTest> Tests)>(StringComparer.Ordinal);
        try
        {
            var items = new List<(int, XunitAssembly, DiscoveredTest)>();
            foreach (var line in File.ReadLines(testsFile))
            {
                var parts = line.Split('\t', 3);
                var index = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
                if (!assemblies.TryGetValue(parts[1], out var loaded))
                {
                    var assembly = XunitAssembly.Load(parts[1]);
                    loaded = (assembly, assembly.Discover().ToDictionary(t => t.Case.UniqueID, StringComparer.Ordinal));
                    assemblies[parts[1]] = loaded;
                }

                if (loaded.Tests.TryGetValue(parts[2], out var test))
                {
                    items.Add((index, loaded.Assembly, test));
                }
                else
                {
                    var missing = new TestName("", "(worker)", parts[2]);
                    output.Write(WorkerMessage.Result(index, new TestResult(missing, TestOutcome.Error, $"the worker did not discover test case {parts[2]} in {parts[1]}", 0, "")) + "\n");
                    output.Write(WorkerMessage.Done(index) + "\n");
                }
            }

            OrderedRunner.Run(
                items,
                (index, result) =>
                {
                    output.Write(WorkerMessage.Result(index, result) + "\n");
                    return true;
                },
                index =>
                {
                    output.Write(WorkerMessage.Done(index) + "\n");
                    output.Flush();
                });
        }
        finally
        {
            foreach (var (assembly, _) in assemblies.Values)
            {
                assembly.Dispose();
            }
        }

        return ExitCodes.Passed;
    }
}
