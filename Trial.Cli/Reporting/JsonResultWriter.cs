using System.Text.Json;
using Trial.Cli.Model;

namespace Trial.Cli.Reporting;

/// <summary>
/// Writes a run as JSON: <c>{"tests", "seconds", "passed", "counts": {...}, "results": [{"id",
/// "namespace", "class", "name", "outcome", "seconds", "detail", "reason", "output"}]}</c>, outcomes
/// spelled as Twisted's statuses without brackets (OK, FAIL, ERROR, SKIPPED, TODO, SUCCESS!?!).
/// </summary>
internal static class JsonResultWriter
{
    /// <summary>Writes <paramref name="tally"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, RunTally tally, TimeSpan elapsed)
    {
        JUnitWriter.CreateFolderOf(path);
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("tests", tally.TestsRun);
        json.WriteNumber("seconds", Math.Round(elapsed.TotalSeconds, 3));
        json.WriteBoolean("passed", tally.Passed);
        json.WriteStartObject("counts");
        foreach (var outcome in Enum.GetValues<TestOutcome>())
        {
            json.WriteNumber(Word(outcome), tally.Count(outcome));
        }

        json.WriteEndObject();
        json.WriteStartArray("results");
        foreach (var result in tally.Results)
        {
            json.WriteStartObject();
            json.WriteString("id", result.Name.Id);
            json.WriteString("namespace", result.Name.Namespace);
            json.WriteString("class", result.Name.Class);
            json.WriteString("name", result.Name.Leaf);
            json.WriteString("outcome", Word(result.Outcome));
            json.WriteNumber("seconds", Math.Round(result.Seconds, 6));
            json.WriteString("detail", result.Detail);
            json.WriteString("reason", result.Reason);
            json.WriteString("output", result.Output);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Word(TestOutcome outcome) =>
        Reporting.TreeReporter.Status(outcome).Text.Trim('[', ']');
}
