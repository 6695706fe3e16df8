using Trial.Fakes.Time;
using Xunit;

namespace Trial.Tests.Tour;

public sealed class ClockTour
{
    [Fact]
    public void A_30_minute_timeout_takes_no_real_time()
    {
        var clock = new Clock();
        var fired = TimeSpan.Zero;
        clock.CallLater(TimeSpan.FromMinutes(30), () => fired = clock.Now);

        // BCL code runs on the clock through its TimeProvider; RunUntil jumps from event to event.
        var delay = clock.RunUntil(() => Task.Delay(TimeSpan.FromHours(1), clock.TimeProvider), TimeSpan.FromDays(1));

        Assert.Equal(TimeSpan.FromMinutes(30), fired);   // a callback sees its own due time
        Assert.Equal(TimeSpan.FromHours(1), clock.Now);
        Assert.True(delay.IsCompletedSuccessfully);
    }
}
