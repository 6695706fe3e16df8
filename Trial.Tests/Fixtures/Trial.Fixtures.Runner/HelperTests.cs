namespace Trial.Fixtures.Runner;

public sealed class HelperTests : TestCase
{
    [ReactorFact]
    public async Task Runs_cleanups_last_first_on_the_reactor()
    {
        string temp = MkTemp();
        File.WriteAllText(temp, "x");
        Patch(() => Outcomes.Setting, 42);
        AddCleanup(() => Outcomes.Record($"first cleanup, setting {Outcomes.Setting}, temp exists {File.Exists(temp)}"));
        AddCleanup(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1), Reactor.TimeProvider);
            Outcomes.Record($"second cleanup at {Clock.Now}");
        });
        Outcomes.Record($"test, setting {Outcomes.Setting}");
        await Task.Yield();
    }

    [Fact]
    public void Plain_fact_gets_the_helpers()
    {
        AddCleanup(() => Outcomes.Record("plain cleanup"));
        SuccessResultOf(Deferred.Succeed(3)).Should().Be(3);
        FailureResultOf<InvalidOperationException>(Task.FromException(new InvalidOperationException("no"))).Message.Should().Be("no");
        AssertNoResult(new TaskCompletionSource().Task);
    }
}

public sealed class MalformedTests : TestCase
{
    [ReactorFact]
    public async void Is_async_void() => await Task.Yield();

    [ReactorFact]
    public void Takes_a_parameter(int value) => value.Should().Be(1);
}

public sealed class NotATestCase
{
    [ReactorFact]
    public void Is_not_on_the_base_class()
    {
    }
}
