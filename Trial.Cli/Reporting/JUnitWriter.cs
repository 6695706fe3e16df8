using System.Globalization;
using System.Xml;
using Trial.Cli.Model;

namespace Trial.Cli.Reporting;

/// <summary>
/// Writes a run as JUnit XML, the shape CI systems read: one <c>testsuite</c> per class, a
/// <c>testcase</c> per test with <c>failure</c> (FAIL), <c>error</c> (ERROR, and an unexpected success,
/// which JUnit has no word for, as a note only) or <c>skipped</c> (SKIPPED and TODO).
/// </summary>
internal static class JUnitWriter
{
    /// <summary>Writes <paramref name="tally"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, RunTally tally, TimeSpan elapsed)
    {
        CreateFolderOf(path);
        using var xml = XmlWriter.Create(path, new XmlWriterSettings { Indent = true, NewLineChars = "\n" });
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "trial");
        xml.WriteAttributeString("tests", Invariant(tally.TestsRun));
        xml.WriteAttributeString("failures", Invariant(tally.Count(TestOutcome.Fail)));
        xml.WriteAttributeString("errors", Invariant(tally.Count(TestOutcome.Error)));
        xml.WriteAttributeString("skipped", Invariant(tally.Count(TestOutcome.Skipped) + tally.Count(TestOutcome.Todo)));
        xml.WriteAttributeString("time", Seconds(elapsed.TotalSeconds));
        foreach (var suite in tally.Results.GroupBy(r => r.Name.FullClass, StringComparer.Ordinal))
        {
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", suite.Key);
            xml.WriteAttributeString("tests", Invariant(suite.Count()));
            xml.WriteAttributeString("failures", Invariant(suite.Count(r => r.Outcome == TestOutcome.Fail)));
            xml.WriteAttributeString("errors", Invariant(suite.Count(r => r.Outcome == TestOutcome.Error)));
            xml.WriteAttributeString("skipped", Invariant(suite.Count(r => r.Outcome is TestOutcome.Skipped or TestOutcome.Todo)));
            xml.WriteAttributeString("time", Seconds(suite.Sum(r => r.Seconds)));
            foreach (var result in suite)
            {
                WriteCase(xml, result);
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>Creates the folder a results file goes in.</summary>
    public static void CreateFolderOf(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
    }

    private static void WriteCase(XmlWriter xml, TestResult result)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", result.Name.FullClass);
        xml.WriteAttributeString("name", result.Name.Leaf);
        xml.WriteAttributeString("time", Seconds(result.Seconds));
        var (element, message) = result.Outcome switch
        {
            TestOutcome.Fail => ("failure", FirstLine(result.Detail)),
            TestOutcome.Error => ("error", FirstLine(result.Detail)),
            TestOutcome.Skipped => ("skipped", result.Detail),
            TestOutcome.Todo => ("skipped", $"TODO: {result.Reason}"),
            _ => (null, null),
        };
        if (element is not null)
        {
            xml.WriteStartElement(element);
            xml.WriteAttributeString("message", message);
            if (result.IsProblem)
            {
                xml.WriteString(result.Detail);
            }

            xml.WriteEndElement();
        }

        if (result.Outcome == TestOutcome.UnexpectedSuccess || result.Output.Length > 0)
        {
            xml.WriteElementString("system-out", result.Outcome == TestOutcome.UnexpectedSuccess
                ? $"SUCCESS!?!: passed although marked Todo ({result.Reason})\n{result.Output}"
                : result.Output);
        }

        xml.WriteEndElement();
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0];

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
