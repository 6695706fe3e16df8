using System.Text;
using Trial.Runner.Sdk;
using Xunit.Sdk;

namespace Trial.Runner.Running;

/// <summary>
/// <c>TRIAL_CHECK_DETERMINISM=1</c>: runs a simulated test twice with the same seed and fails it at the first trace
/// event where the runs differ, showing both (madsim's check; it catches wall-clock reads and unseeded randomness).
/// </summary>
internal static class DeterminismCheck
{
    internal static async Task<decimal> RunTwiceAsync(ReactorTestRunner runner, ExceptionAggregator aggregator, IReactorTestAttribute settings)
    {
        var first = new RunRecord();
        await runner.RunOnceAsync(new ExceptionAggregator(), settings, first, isRehearsal: true);
        var second = new RunRecord();
        decimal time = await runner.RunOnceAsync(aggregator, settings, second, isRehearsal: false);
        if (Difference(first.Trace, second.Trace) is { } difference)
        {
            aggregator.Add(new NondeterminismException(difference));
        }

        return time;
    }

    /// <summary>Describes the first event where two traces differ, or returns <see langword="null"/> when they are equal.</summary>
    internal static string? Difference(IReadOnlyList<string> first, IReadOnlyList<string> second)
    {
        int count = Math.Min(first.Count, second.Count);
        int index = 0;
        while (index < count && first[index] == second[index])
        {
            index++;
        }

        if (index == count && first.Count == second.Count)
        {
            return null;
        }

        var text = new StringBuilder();
        text.Append("Two runs with the same seed differed at trace event ").Append(index + 1).Append(':').AppendLine();
        text.Append("  first run:  ").Append(index < first.Count ? first[index] : "(the trace ended)").AppendLine();
        text.Append("  second run: ").Append(index < second.Count ? second[index] : "(the trace ended)").AppendLine();
        text.Append("Something in the test or the code under test is not decided by the seed: the wall clock (DateTime.Now, Stopwatch), ")
            .Append("an unseeded Random, Guid.NewGuid, thread timing, or the order of a hash set of objects.");
        return text.ToString();
    }
}
