namespace Trial.Cli.Reporting;

/// <summary>Makes the reporter <c>--reporter</c> names.</summary>
internal static class ReporterFactory
{
    /// <summary>The reporter named <paramref name="name"/>: tree, verbose, summary or text.</summary>
    public static Reporter Create(string name, TextWriter output, Colorizer colors, bool realtime) => name switch
    {
        "verbose" => new VerboseReporter(output, colors) { Realtime = realtime },
        "summary" => new SummaryReporter(output, colors) { Realtime = realtime },
        "text" => new TextReporter(output, colors) { Realtime = realtime },
        _ => new TreeReporter(output, colors) { Realtime = realtime },
    };
}
