using Trial.Runner;
using Xunit;

namespace Trial.Tests.Tour;

public sealed class ReactorFactTour : TestCase
{
    [ReactorFact]
    public async Task A_reply_that_never_comes_times_out_after_30_virtual_minutes()
    {
        var reply = new TaskCompletionSource<string>();

        // Nothing else is scheduled, so the runner jumps virtual time straight to the timeout.
        await Assert.ThrowsAsync<TimeoutException>(
            () => reply.Task.WaitAsync(TimeSpan.FromMinutes(30), Reactor.TimeProvider));

        Assert.Equal(TimeSpan.FromMinutes(30), Clock.Now);
    }

    [ReactorFact(Seeds = 20)]
    public async Task Every_seed_sees_the_same_rules(/* each case is shown with its seed */)
    {
        // Reactor is a host on Network, seeded with Seed; a failure prints the command that replays it.
        await Task.Delay(TimeSpan.FromSeconds(Random.Next(1, 60)), Reactor.TimeProvider);

        Assert.InRange(Clock.Now, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
    }
}
