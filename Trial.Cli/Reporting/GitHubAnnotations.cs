using System.Text.RegularExpressions;
using Trial.Cli.Model;

namespace Trial.Cli.Reporting;

/// <summary>
/// GitHub Actions workflow commands for each failure and error (<c>::error file=..,line=..,title=..::..</c>),
/// written when <c>GITHUB_ACTIONS=true</c>. The file and line are the first stack frame that has
/// one (the test's own code, since xunit trims its assertion frames); paths are made relative to
/// the current folder, which on Actions is the checkout.
/// </summary>
internal static partial class GitHubAnnotations
{
    /// <summary>Writes an annotation for each problem in <paramref name="tally"/>.</summary>
    public static void Write(TextWriter output, RunTally tally)
    {
        foreach (var result in tally.Results)
        {
            if (!result.IsProblem)
            {
                continue;
            }

            var location = "";
            if (Frame().Match(result.Detail) is { Success: true } frame)
            {
                var file = Path.GetRelativePath(Environment.CurrentDirectory, frame.Groups["file"].Value);
                location = $"file={Property(file)},line={frame.Groups["line"].Value},";
            }

            var status = result.Outcome == TestOutcome.Fail ? "FAIL" : "ERROR";
            output.Write($"::error {location}title={Property($"{status} {result.Name.Id}")}::{Data(result.Detail)}\n");
        }
    }

    [GeneratedRegex(@" in (?<file>.+?):line (?<line>\d+)")]
    private static partial Regex Frame();

    private static string Data(string text) => text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    private static string Property(string text) => Data(text).Replace(":", "%3A").Replace(",", "%2C");
}
