using System.Diagnostics;
using System.Globalization;
using Trial.Cli.Model;
using Trial.Cli.Running;

namespace Trial.Cli.Workers;

/// <summary>
/// Runs a plan in <c>--jobs N</c> worker processes. Classes are dealt whole to the least loaded
/// worker, in plan order; each worker runs its share in plan order and streams results back. Results
/// are handed on in plan order, each test as soon as it and every test before it are done, so the
/// report equals a serial run's. A worker that dies turns each test it did not finish into an ERROR.
/// </summary>
internal sealed class WorkerExecutor(TrialOptions options) : ITestExecutor
{
    /// <inheritdoc/>
    public void Run(IReadOnlyList<PlannedTest> plan, Func<int, TestResult, bool> report)
    {
        var shares = Deal(plan, Math.Min(options.Jobs, Math.Max(1, plan.Count)));
        var board = new ResultBoard(plan.Count);
        var workers = new List<(Process Process, string File, Thread Reader)>();
        try
        {
            foreach (var share in shares)
            {
                workers.Add(Start(plan, share, board));
            }

            for (var next = 0; next < plan.Count; next++)
            {
                foreach (var result in board.Take(next))
                {
                    if (!report(next, result))
                    {
                        return;
                    }
                }
            }
        }
        finally
        {
            foreach (var (process, file, reader) in workers)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                reader.Join();
                process.Dispose();
                File.Delete(file);
            }
        }
    }

    private static List<List<int>> Deal(IReadOnlyList<PlannedTest> plan, int count)
    {
        var shares = Enumerable.Range(0, count).Select(_ => new List<int>()).ToList();
        for (var start = 0; start < plan.Count;)
        {
            var end = start + 1;
            while (end < plan.Count && plan[end].Test.Name.FullClass == plan[start].Test.Name.FullClass && plan[end].Assembly == plan[start].Assembly)
            {
                end++;
            }

            var least = shares.MinBy(s => s.Count)!;
            least.AddRange(Enumerable.Range(start, end - start));
            start = end;
        }

        return shares.Where(s => s.Count > 0).ToList();
    }

    private static (Process, string, Thread) Start(IReadOnlyList<PlannedTest> plan, List<int> share, ResultBoard board)
    {
        var file = Path.GetTempFileName();
        File.WriteAllLines(file, share.Select(i => string.Join('\t',
            i.ToString(CultureInfo.InvariantCulture), plan[i].Assembly.Path, plan[i].Test.Case.UniqueID)));
        var start = SelfCommand.StartInfo(["--worker-tests", file]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start) ?? throw new TrialInputException("could not start a worker process", ExitCodes.Failed);
        var stderr = process.StandardError.ReadToEndAsync();
        var reader = new Thread(() => Read(process, stderr, share, plan, board)) { IsBackground = true, Name = "trial worker reader" };
        reader.Start();
        return (process, file, reader);
    }

    private static void Read(Process process, Task<string> stderr, List<int> share, IReadOnlyList<PlannedTest> plan, ResultBoard board)
    {
        var finished = 0;
        try
        {
            while (process.StandardOutput.ReadLine() is { } line)
            {
                if (!line.StartsWith('{'))
                {
                    continue;
                }

                var (index, result) = WorkerMessage.Parse(line);
                if (result is null)
                {
                    board.Done(index);
                    finished++;
                }
                else
                {
                    board.Add(index, result);
                }
            }
        }
        catch (IOException)
        {
            // Killed after --exitfirst; what was not done is reported below.
        }

        process.WaitForExit();
        var why = $"the worker process exited with code {process.ExitCode} before this test finished\n{stderr.GetAwaiter().GetResult().Trim()}";
        foreach (var index in share.Skip(finished))
        {
            board.Add(index, new TestResult(plan[index].Test.Name, TestOutcome.Error, why, 0, ""));
            board.Done(index);
        }
    }
}
