using System.Globalization;
using Trial.Fakes.Time;

namespace Trial.Tests.Fakes.Time;

/// <summary>Runs an async scenario on a fresh clock, logging each event with the virtual time it happened at.</summary>
internal static class AsyncScenario
{
    /// <summary>How many times each scenario runs; every run must log exactly the same events at the same times.</summary>
    internal const int Repetitions = 50;

    /// <summary>Runs <paramref name="scenario"/> <see cref="Repetitions"/> times and checks every log against <paramref name="expected"/>.</summary>
    internal static void RunsIdentically(Func<Clock, Action<string>, Task> scenario, params string[] expected)
    {
        for (int run = 0; run < Repetitions; run++)
        {
            Run(scenario).Should().Equal(expected, "run {0} of {1} must log the same events at the same virtual times", run + 1, Repetitions);
        }
    }

    /// <summary>Runs the scenario once, started on the clock, and returns its log.</summary>
    internal static List<string> Run(Func<Clock, Action<string>, Task> scenario)
    {
        var clock = new Clock();
        var log = new List<string>();
        var gate = new Lock();

        // Escaped work logs from thread-pool threads: the lock keeps the list whole; the clock keeps the order.
        void Log(string what)
        {
            lock (gate)
            {
                log.Add(string.Create(CultureInfo.InvariantCulture, $"{what}@{clock.Now.TotalSeconds}"));
            }
        }

        var task = clock.RunUntil(() => scenario(clock, Log), TimeSpan.FromHours(1));
        task.GetAwaiter().GetResult();
        lock (gate)
        {
            return [.. log];
        }
    }
}
