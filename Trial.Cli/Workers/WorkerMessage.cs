using System.Text;
using System.Text.Json;
using Trial.Cli.Model;

namespace Trial.Cli.Workers;

/// <summary>
/// One line a worker writes on stdout: a result of the test at plan index <c>i</c>, or <c>done</c>
/// once that test has no more results. JSON, one object a line.
/// </summary>
internal static class WorkerMessage
{
    /// <summary>The line reporting <paramref name="result"/> of the test at <paramref name="index"/>.</summary>
    public static string Result(int index, TestResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("i", index);
            json.WriteNumber("o", (int)result.Outcome);
            json.WriteString("ns", result.Name.Namespace);
            json.WriteString("c", result.Name.Class);
            json.WriteString("l", result.Name.Leaf);
            json.WriteString("d", result.Detail);
            json.WriteNumber("s", result.Seconds);
            json.WriteString("out", result.Output);
            json.WriteString("r", result.Reason);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The line saying the test at <paramref name="index"/> has finished.</summary>
    public static string Done(int index) => $"{{\"i\":{index},\"done\":true}}";

    /// <summary>Reads a line: the plan index and the result, or null for a done line.</summary>
    public static (int Index, TestResult? Result) Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var index = root.GetProperty("i").GetInt32();
        if (root.TryGetProperty("done", out _))
        {
            return (index, null);
        }

        var name = new TestName(root.GetProperty("ns").GetString()!, root.GetProperty("c").GetString()!, root.GetProperty("l").GetString()!);
        return (index, new TestResult(
            name,
            (TestOutcome)root.GetProperty("o").GetInt32(),
            root.GetProperty("d").GetString()!,
            root.GetProperty("s").GetDouble(),
            root.GetProperty("out").GetString()!,
            root.GetProperty("r").GetString()));
    }
}
