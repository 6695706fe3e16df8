using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Trial.Runner.Sdk;
using Xunit.Sdk;

namespace Trial.Runner.Running;

/// <summary>
/// What a simulated run reports: on failure, its seed, the command that replays it, the tail of its trace and where
/// the whole trace was written; with <c>TRIAL_TRACE=DIR</c>, the trace of every run.
/// </summary>
internal static class FailureReport
{
    private const int TailLength = 20;

    /// <summary>Writes the trace if asked, and folds the errors into one failure that carries the replay report.</summary>
    internal static IReadOnlyList<Exception> Finish(ReactorTestContext context, List<Exception> errors)
    {
        string? traceFile = null;
        try
        {
            if (TestSettings.TraceDirectory is { } folder)
            {
                traceFile = WriteTrace(context, folder);
            }
            else if (errors.Count > 0)
            {
                traceFile = WriteTrace(context, Path.Combine(Path.GetTempPath(), "trial-traces"));
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
        var trace = context.Record.Trace;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Simulated run with seed {context.Variant.Seed}, ended at virtual time {context.Record.EndTime}.").AppendLine();
        text.Append("Replay: ").Append(ReplayCommand(context)).AppendLine();
        int shown = Math.Min(TailLength, trace.Count);
        text.Append(CultureInfo.InvariantCulture, $"Trace: the last {shown} of {trace.Count} events (hash {Hash(trace)}):");
        foreach (string line in trace.Skip(trace.Count - shown))
        {
            text.AppendLine().Append("  ").Append(line);
        }

        if (traceFile is not null)
        {
            text.AppendLine().Append("Whole trace: ").Append(traceFile);
        }

        return text.ToString();
    }

    private static string Message(Exception e) => e is XunitException ? e.Message : $"{e.GetType().FullName}: {e.Message}";

    private static string WriteTrace(ReactorTestContext context, string folder)
    {
        Directory.CreateDirectory(folder);
        string safe = string.Concat(context.FullyQualifiedName.Select(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_'));
        string path = Path.GetFullPath(Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{safe}-seed-{context.Variant.Seed}.log")));
        File.WriteAllLines(path, context.Record.Trace);
        return path;
    }
}
