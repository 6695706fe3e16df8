namespace Trial.Fixtures.Runner;

public sealed class BasicTests : TestCase
{
    [ReactorFact]
    public async Task Passes_on_virtual_time()
    {
        await Task.Delay(TimeSpan.FromSeconds(1), Reactor.TimeProvider);
        Clock.Now.Should().Be(TimeSpan.FromSeconds(1));
    }

    [ReactorFact]
    public void Fails_with_an_assertion() => Clock.Now.Should().Be(TimeSpan.FromSeconds(5), "the fixture fails on purpose");

    [ReactorFact]
    public async Task Waits_out_a_30_minute_timeout()
    {
        var reply = new TaskCompletionSource<string>();
        bool timedOut = false;
        try
        {
            await reply.Task.WaitAsync(TimeSpan.FromMinutes(30), Reactor.TimeProvider);
        }
        catch (TimeoutException)
        {
            timedOut = true;
        }

        timedOut.Should().BeTrue();
        Clock.Now.Should().Be(TimeSpan.FromMinutes(30));
    }

    [ReactorTheory(Mode = ReactorMode.Both)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Runs_each_row_in_each_mode(int seconds)
    {
        var before = Reactor.Now;
        await Task.Delay(TimeSpan.FromMilliseconds(seconds), Reactor.TimeProvider);
        (Reactor.Now - before).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(seconds));
    }
}
