namespace Trial.Fixtures.Runner;

/// <summary>Reactor tests of every return type the runner accepts, and of tear-down failures.</summary>
public sealed class ReturnTests : TestCase
{
    [ReactorFact]
    public Deferred<int> Returns_a_deferred_that_fires_later()
    {
        var reply = new Deferred<int>();
        Reactor.CallLater(TimeSpan.FromSeconds(5), () => reply.Callback(5));
        return reply.Then(value =>
        {
            Clock.Now.Should().Be(TimeSpan.FromSeconds(5));
            return value;
        });
    }

    [ReactorFact]
    public Deferred<int> Returns_a_deferred_that_fails() => Deferred.Fail<int>(new InvalidOperationException("the deferred failed on purpose"));

    [ReactorFact]
    public async ValueTask Returns_a_value_task()
    {
        await Task.Delay(TimeSpan.FromSeconds(2), Reactor.TimeProvider);
        Clock.Now.Should().Be(TimeSpan.FromSeconds(2));
    }

    [ReactorFact]
    public async ValueTask<int> Returns_a_value_task_that_fails()
    {
        await Task.Delay(TimeSpan.FromSeconds(3), Reactor.TimeProvider);
        throw new InvalidOperationException($"the value task failed on purpose at {Clock.Now}");
    }

    [ReactorFact]
    public Task Returns_a_task_never_started() => new(() => { });

    [ReactorFact]
    public async Task Awaits_a_task_never_started() => await new Task(NeverStarted);

    private static void NeverStarted()
    {
    }
}

/// <summary>A class whose tear-down fails, after a test that passes and after one that fails.</summary>
public sealed class TearDownTests : TestCase
{
    [ReactorFact]
    public void Passes_before_a_failing_tear_down()
    {
    }

    [ReactorFact]
    public void Fails_before_a_failing_tear_down() => throw new InvalidOperationException("the test failed on purpose");

    protected override Task TearDownAsync() => throw new IOException("the tear-down failed on purpose");
}
