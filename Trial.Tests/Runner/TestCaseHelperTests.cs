using Trial.Fixtures.Runner;
using Trial.Tests.Runner.Support;

namespace Trial.Tests.Runner;

public sealed class TestCaseHelperTests
{
    [Fact]
    public void Cleanups_RunLastFirstOnTheReactorAfterTheTestThenPatchesAndTempsAreUndone()
    {
        FixtureResults.Single(typeof(HelperTests), "Runs_cleanups_last_first_on_the_reactor").Outcome.Should().Be("Passed");
        FixtureResults.Single(typeof(HelperTests), "Plain_fact_gets_the_helpers").Outcome.Should().Be("Passed");

        Outcomes.Recorded.Should().ContainInOrder(
            "test, setting 42",
            "second cleanup at 00:00:01",
            "first cleanup, setting 42, temp exists True");
        Outcomes.Recorded.Should().Contain("plain cleanup");
        Outcomes.Setting.Should().Be(1, "the patch is undone at cleanup");
    }

    [Fact]
    public void MalformedTests_FailSayingHowToFixThem()
    {
        FixtureResults.Single(typeof(MalformedTests), "Is_async_void").Message
            .Should().Be("Trial.Fixtures.Runner.MalformedTests.Is_async_void is async void, so nothing can wait for it and its exceptions would escape the test. Declare it 'async Task Is_async_void(...)'.");
        FixtureResults.Single(typeof(MalformedTests), "Takes_a_parameter").Message
            .Should().Be("Trial.Fixtures.Runner.MalformedTests.Takes_a_parameter takes 1 parameter, but a [ReactorFact] passes none. Remove them, or make it a [ReactorTheory] with [InlineData] or [MemberData].");
        FixtureResults.Single(typeof(NotATestCase), "Is_not_on_the_base_class").Message
            .Should().StartWith("Trial.Fixtures.Runner.NotATestCase does not derive from Trial.Runner.TestCase").And.Contain("Declare 'public class NotATestCase : TestCase'");
    }

    [Fact]
    public void PlainFact_HasEveryResultHelperAndNoReactor()
    {
        FixtureResults.Single(typeof(HelperTests), "Plain_fact_gets_the_helpers").Outcome.Should().Be("Passed");
        FixtureResults.Single(typeof(HelperTests), "Plain_fact_has_no_reactor_and_says_so").Outcome.Should().Be("Passed");
    }

    [Fact]
    public void StaticHelpers_ActOnTheTestRunningInTheFlow()
    {
        FixtureResults.Single(typeof(HelperTests), "Shared_code_uses_the_static_helpers").Outcome.Should().Be("Passed");

        Outcomes.Recorded.Should().ContainInOrder("shared synchronous cleanup", "shared cleanup, setting 7");
        Outcomes.Setting.Should().Be(1, "the patch is undone at cleanup");
    }

    [Fact]
    public void MalformedReturnTypeAndStatic_FailSayingHowToFixThem()
    {
        FixtureResults.Single(typeof(MalformedTests), "Returns_a_number").Message
            .Should().Be("Trial.Fixtures.Runner.MalformedTests.Returns_a_number returns Int32; a [ReactorFact] test returns void, Task, ValueTask or a Deferred. Change its return type.");
        FixtureResults.Single(typeof(MalformedTests), "Is_static").Message
            .Should().Be("Trial.Fixtures.Runner.MalformedTests.Is_static is static, but a [ReactorFact] test runs on its class instance, which holds its Reactor, Clock and Seed. Remove 'static'.");
    }
}
