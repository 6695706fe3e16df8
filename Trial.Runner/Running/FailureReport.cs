using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Trial.Fakes.Simulation;
using Trial.Runner.Sdk;
using Xunit.Sdk;

namespace Trial.Runner.Running;

/// <summary>
/// What a simulated run reports: on failure, its seed, the command that replays it, the tail of its network trace with
/// the trace hash and the fault coverage, and where the whole trace was written (<c>NAME-seed-N.jsonl</c>, with its
/// sequence diagram beside it as <c>.svg</c> and the log as <c>.log</c>); with <c>TRIAL_TRACE=DIR</c>, the traces of
/// every run.
/// </summary>
internal static class FailureReport
{
    private const int TailLength = 20;

    /// <summary>How many events the sequence diagram draws: the last ones, where the failure is.</summary>
    private const int DiagramRows = 500;

    /// <summary>Writes the trace if asked, and folds the errors into one failure that carries the replay report.</summary>
    internal static IReadOnlyList<Exception> Finish(ReactorTestContext context, List<Exception> errors)
    {
        string? traceFile = null;
        try
        {
            string? folder = TestSettings.TraceDirectory ?? (errors.Count > 0 ? Path.Combine(Path.GetTempPath(), "trial-traces") : null);
            if (folder is not null && context.Record.Network is { } network)
            {
                traceFile = WriteTrace(context, network, folder);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new IOException($"The trace of {context.DisplayName} could not be written: {e.Message}", e));
        }

        if (errors.Count == 0)
        {
            return errors;
        }

        string message = string.Join(Environment.NewLine + Environment.NewLine, errors.Select(Message));
        return [new SimulationFailedException($"{message}{Environment.NewLine}{Environment.NewLine}{Report(context, traceFile)}", errors[0].StackTrace)];
    }

    /// <summary>Returns the command that reruns exactly this case.</summary>
    internal static string ReplayCommand(ReactorTestContext context) => string.Create(
        CultureInfo.InvariantCulture,
        $"{TestSettings.SeedVariable}={context.Variant.Seed} dotnet test --filter \"FullyQualifiedName={context.FullyQualifiedName}\"");

    /// <summary>Returns a short, stable hash of trace lines.</summary>
    internal static string Hash(IReadOnlyList<string> lines) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))))[..16];

    private static string Report(ReactorTestContext context, string? traceFile)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Simulated run with seed {context.Variant.Seed}, ended at virtual time {context.Record.EndTime}.").AppendLine();
        text.Append("Replay: ").Append(ReplayCommand(context)).AppendLine();
        if (context.Record.Network is { } network)
        {
            var trace = network.Trace;
            int shown = Math.Min(TailLength, trace.Count);
            text.Append(CultureInfo.InvariantCulture, $"Network trace: the last {shown} of {trace.Count} events (hash {trace.Hash}):");
            foreach (string line in trace.Tail(shown))
            {
                text.AppendLine().Append("  ").Append(line);
            }

            text.AppendLine().Append("Fault coverage: ").Append(network.FaultCoverage);
        }

        var log = context.Record.Trace;
        text.AppendLine().Append(CultureInfo.InvariantCulture, $"Log: {log.Count} events (hash {Hash(log)}); they are in the test's output.");

        if (traceFile is not null)
        {
            text.AppendLine().Append("Whole trace (JSON lines, one event a line): ").Append(traceFile)
                .AppendLine().Append(CultureInfo.InvariantCulture, $"Sequence diagram of the trace's last {DiagramRows} events at most (SVG, opens in a browser): ").Append(Path.ChangeExtension(traceFile, ".svg"));
        }

        return text.ToString();
    }

    private static string Message(Exception e) => e is XunitException ? e.Message : $"{e.GetType().FullName}: {e.Message}";

    /// <summary>Writes the log (<c>.log</c>), the network trace (<c>.jsonl</c>) and its sequence diagram (<c>.svg</c>); returns the trace's path.</summary>
    private static string WriteTrace(ReactorTestContext context, SimulatedNetwork network, string folder)
    {
        Directory.CreateDirectory(folder);
        string safe = string.Concat(context.FullyQualifiedName.Select(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_'));
        string stem = Path.GetFullPath(Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{safe}-seed-{context.Variant.Seed}")));
        File.WriteAllLines(stem + ".log", context.Record.Trace);
        using (var file = File.Create(stem + ".jsonl"))
        {
            network.Trace.WriteJsonLines(file);
        }

        using (var file = File.Create(stem + ".svg"))
        {
            network.Trace.WriteSequenceDiagram(file, DiagramOptions(context, network.Trace));
        }

        return stem + ".jsonl";
    }

    /// <summary>Draws the last <see cref="DiagramRows"/> events that get rows (timers get none), where a failure shows.</summary>
    private static SequenceDiagramOptions DiagramOptions(ReactorTestContext context, NetworkTrace trace)
    {
        TimeSpan? from = null;
        int rows = 0;
        for (int i = trace.Count - 1; i >= 0 && rows < DiagramRows; i--)
        {
            var e = trace.Events[i];
            if (e.Kind != TraceEventKind.TimerFired)
            {
                from = e.Time;
                rows++;
            }
        }

        // Events at the window's first instant that come before it still get their rows.
        int drawn = from is { } start ? trace.Events.Count(e => e.Time >= start && e.Kind != TraceEventKind.TimerFired) : 1;
        return new SequenceDiagramOptions
        {
            From = from,
            MaxRows = Math.Max(1, drawn),
            Title = string.Create(CultureInfo.InvariantCulture, $"{context.FullyQualifiedName}, seed {context.Variant.Seed}"),
        };
    }
}
