using Trial.Cli.Model;

namespace Trial.Cli.Reporting;

/// <summary>
/// Twisted's default <c>TreeReporter</c>: the namespace, then the class, then each test indented two
/// spaces a level, with its status ending at column 79.
/// </summary>
internal sealed class TreeReporter(TextWriter output, Colorizer colors) : Reporter(output, colors)
{
    private const int Columns = 79;
    private const string Indent = "  ";
    private string[] lastSegments = [];

    /// <summary>The status word of each outcome, with its colour.</summary>
    public static (string Text, int Color) Status(TestOutcome outcome) => outcome switch
    {
        TestOutcome.Ok => ("[OK]", Colorizer.Green),
        TestOutcome.Fail => ("[FAIL]", Colorizer.Red),
        TestOutcome.Error => ("[ERROR]", Colorizer.Red),
        TestOutcome.Skipped => ("[SKIPPED]", Colorizer.Blue),
        TestOutcome.Todo => ("[TODO]", Colorizer.Blue),
        _ => ("[SUCCESS!?!]", Colorizer.Red),
    };

    /// <inheritdoc/>
    public override void Notice(string line)
    {
        base.Notice(line);
        lastSegments = [];
    }

    /// <inheritdoc/>
    protected override void WriteResult(TestResult result)
    {
        string[] segments = result.Name.Namespace.Length == 0 ? [result.Name.Class] : [result.Name.Namespace, result.Name.Class];
        for (var level = 0; level < segments.Length; level++)
        {
            if (level >= lastSegments.Length || segments[level] != lastSegments[level])
            {
                Output.Write(string.Concat(Enumerable.Repeat(Indent, level)) + segments[level] + "\n");
            }
        }

        lastSegments = segments;
        var line = string.Concat(Enumerable.Repeat(Indent, segments.Length)) + result.Name.Leaf + " ... ";
        var (status, color) = Status(result.Outcome);
        Output.Write(line);
        Output.Write(new string(' ', Math.Max(0, Columns - line.Length - status.Length)));
        Colors.Write(Output, status, color);
        Output.Write("\n");
    }
}
