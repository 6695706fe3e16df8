using Trial.Cli.Model;

namespace Trial.Cli.Workers;

/// <summary>Results posted by worker readers per plan index, taken in plan order by the reporting thread.</summary>
internal sealed class ResultBoard(int count)
{
    private readonly List<TestResult>?[] results = new List<TestResult>?[count];
    private readonly bool[] done = new bool[count];

    /// <summary>Adds a result of the test at <paramref name="index"/>.</summary>
    public void Add(int index, TestResult result)
    {
        lock (done)
        {
            (results[index] ??= []).Add(result);
        }
    }

    /// <summary>Marks the test at <paramref name="index"/> finished.</summary>
    public void Done(int index)
    {
        lock (done)
        {
            done[index] = true;
            Monitor.PulseAll(done);
        }
    }

    /// <summary>Waits until the test at <paramref name="index"/> is finished and returns its results.</summary>
    public IReadOnlyList<TestResult> Take(int index)
    {
        lock (done)
        {
            while (!done[index])
            {
                Monitor.Wait(done);
            }

            var taken = results[index] ?? [];
            results[index] = null;
            return taken;
        }
    }
}
