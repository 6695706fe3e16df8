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
        SuccessResultOf(Task.FromResult("task")).Should().Be("task");
        SuccessResultOf(Task.CompletedTask);
        SuccessResultOf(new ValueTask<int>(7)).Should().Be(7);
        SuccessResultOf(ValueTask.CompletedTask);
        FailureResultOf<TimeoutException>(Deferred.Fail<int>(new TimeoutException("late"))).Message.Should().Be("late");
        FailureResultOf<TimeoutException>(ValueTask.FromException(new TimeoutException("later"))).Message.Should().Be("later");
        AssertNoResult(new Deferred<int>());
        AssertNoResult(new ValueTask(new TaskCompletionSource().Task));
        AssertNoResult(new ValueTask<int>(new TaskCompletionSource<int>().Task));
    }

    [Fact]
    public void Plain_fact_has_no_reactor_and_says_so()
    {
        var reactor = () => Reactor;
        reactor.Should().Throw<InvalidOperationException>().WithMessage("HelperTests has no reactor here: *");
        var output = () => Output;
        output.Should().Throw<InvalidOperationException>().WithMessage("A plain [Fact] gets its output by taking an ITestOutputHelper in its constructor*");
    }

    [Fact]
    public void Plain_fact_logs_an_error_it_does_not_flush() => new Logger("Fixture.Plain", Log).Failure("Lost the cache", new InvalidOperationException("cache gone"));

    [Fact]
    public void Plain_fact_has_a_cleanup_that_fails()
    {
        AddCleanup(() => Outcomes.Record("plain cleanup that runs after the failing one"));
        AddCleanup(DropTheCache);
    }

    [ReactorFact]
    public async Task Shared_code_uses_the_static_helpers()
    {
        SharedSetup.Start();
        new Logger("Fixture.Shared", Log).Failure("Shared setup timed out", new TimeoutException("no answer"));
        await Task.Delay(TimeSpan.FromSeconds(1), Reactor.TimeProvider);
        Outcomes.Setting.Should().Be(7);
        TestHelpers.FlushLoggedErrors<TimeoutException>().Should().ContainSingle().Which.FormatMessage().Should().Be("Shared setup timed out");
    }

    private static void DropTheCache() => throw new IOException("the cache was already dropped");
}

public sealed class MalformedTests : TestCase
{
    [ReactorFact]
    public async void Is_async_void() => await Task.Yield();

    [ReactorFact]
    public void Takes_a_parameter(int value) => value.Should().Be(1);

    [ReactorFact]
    public int Returns_a_number() => 1;

    [ReactorFact]
    public static void Is_static()
    {
    }
}

/// <summary>Set-up code shared between test classes, as a user's library of helpers would be: it uses TestHelpers, not a TestCase.</summary>
public static class SharedSetup
{
    /// <summary>Patches a setting and adds cleanups.</summary>
    public static void Start()
    {
        TestHelpers.Patch(() => Outcomes.Setting, 7);
        TestHelpers.AddCleanup(async () =>
        {
            await Task.Yield();
            Outcomes.Record($"shared cleanup, setting {Outcomes.Setting}");
        });
        TestHelpers.AddCleanup(() => Outcomes.Record("shared synchronous cleanup"));
    }
}

public sealed class NotATestCase
{
    [ReactorFact]
    public void Is_not_on_the_base_class()
    {
    }
}
