using Trial.Cli.Model;
using Trial.Cli.Reporting;
using Trial.Cli.Selection;

namespace Trial.Tests.Cli;

/// <summary>The trial command's small parts: names, patterns, shards and annotations.</summary>
public sealed class PiecesTests
{
    [Theory]
    [InlineData("A.B.C", "A.B.C.Method", "A.B", "C", "Method")]
    [InlineData("A.B.C", "A.B.C.Rows(x: 1.5)", "A.B", "C", "Rows(x: 1.5)")]
    [InlineData("A.Outer+Inner", "A.Outer+Inner.M", "A", "Outer+Inner", "M")]
    [InlineData("NoNamespace", "Custom display name", "", "NoNamespace", "Custom display name")]
    public void TestName_SplitsNamespaceClassAndLeaf(string type, string display, string ns, string cls, string leaf)
    {
        var name = TestName.From(type, display);

        name.Should().Be(new TestName(ns, cls, leaf));
    }

    [Theory]
    [InlineData("A.B.Test", "B.T", true)]
    [InlineData("A.B.Test", "A.*.Test", true)]
    [InlineData("A.B.Test", "*Tes", false)]
    [InlineData("A.B.Test", "*Test", true)]
    [InlineData("A.B.Test", "x", false)]
    public void Filter_MatchesSubstringsAndWildcards(string id, string pattern, bool matches)
    {
        TestFilter.Matches(id, [pattern]).Should().Be(matches);
    }

    [Fact]
    public void Shard_DependsOnTheNameAlone()
    {
        var ids = Enumerable.Range(0, 1000).Select(i => $"Ns.Class.Test_{i}").ToList();

        var shards = ids.Select(id => TestFilter.ShardOf(id, 7)).ToList();

        ids.Select(id => TestFilter.ShardOf(id, 7)).Should().Equal(shards);
        shards.Should().OnlyContain(s => s >= 0 && s < 7);
        shards.GroupBy(s => s).Should().HaveCount(7).And.OnlyContain(g => g.Count() > 90, "FNV-1a spreads names evenly");
        TestFilter.ShardOf("Ns.Class.Test_0", 7).Should().Be(TestFilter.ShardOf("Ns.Class.Test_0", 7));
    }

    [Fact]
    public void Summary_CountsInTwistedsOrder()
    {
        var tally = new RunTally();
        foreach (var outcome in new[] { TestOutcome.Ok, TestOutcome.UnexpectedSuccess, TestOutcome.Error, TestOutcome.Fail, TestOutcome.Todo, TestOutcome.Skipped, TestOutcome.Ok })
        {
            tally.Add(new TestResult(new TestName("N", "C", outcome.ToString()), outcome, "", 0, ""));
        }

        tally.Summary().Should().Be(" (skips=1, expectedFailures=1, failures=1, errors=1, unexpectedSuccesses=1, successes=2)");
        tally.Passed.Should().BeFalse();
    }

    [Fact]
    public void UnexpectedSuccess_DoesNotFailARun()
    {
        var tally = new RunTally();
        tally.Add(new TestResult(new TestName("N", "C", "M"), TestOutcome.UnexpectedSuccess, "", 0, "", "reason"));

        tally.Passed.Should().BeTrue("Twisted's wasSuccessful counts failures and errors only");
    }

    [Fact]
    public void GitHubAnnotation_PointsAtTheTestsFrame_AndEscapesNewlines()
    {
        var tally = new RunTally();
        var detail = "Xunit.Sdk.EqualException: Assert.Equal() Failure\nExpected: 2\n   at N.C.M() in /src/Tests/CTests.cs:line 12";
        tally.Add(new TestResult(new TestName("N", "C", "M"), TestOutcome.Fail, detail, 0, ""));
        tally.Add(new TestResult(new TestName("N", "C", "Ok"), TestOutcome.Ok, "", 0, ""));
        var output = new StringWriter();

        GitHubAnnotations.Write(output, tally);

        var file = Path.GetRelativePath(Environment.CurrentDirectory, "/src/Tests/CTests.cs");
        output.ToString().Should().Be(
            $"::error file={file},line=12,title=FAIL N.C.M::Xunit.Sdk.EqualException: Assert.Equal() Failure%0AExpected: 2%0A   at N.C.M() in /src/Tests/CTests.cs:line 12\n");
    }
}
