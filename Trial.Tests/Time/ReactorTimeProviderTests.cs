using System.Runtime.CompilerServices;
using Trial.Fakes.Time;
using Trial.Time;

namespace Trial.Tests.Time;

public sealed class ReactorTimeProviderTests : TestCase
{
    private readonly Clock _clock = new();

    private TimeProvider Time => _clock.TimeProvider;

    [Fact]
    public void GetUtcNow_IsTheEpochPlusVirtualTime()
    {
        Time.GetUtcNow().Should().Be(Clock.DefaultEpoch);
        _clock.Advance(TimeSpan.FromHours(5));
        Time.GetUtcNow().Should().Be(Clock.DefaultEpoch.AddHours(5));
        new Clock(new DateTimeOffset(2030, 6, 1, 0, 0, 0, TimeSpan.Zero)).TimeProvider.GetUtcNow().Year.Should().Be(2030);
        Time.LocalTimeZone.Should().Be(TimeZoneInfo.Utc);
    }

    [Fact]
    public void Timestamps_AreTicksOfVirtualTime()
    {
        Time.TimestampFrequency.Should().Be(TimeSpan.TicksPerSecond);
        long start = Time.GetTimestamp();
        _clock.Advance(TimeSpan.FromMilliseconds(1500));

        Time.GetElapsedTime(start).Should().Be(TimeSpan.FromMilliseconds(1500));
    }

    [Fact]
    public void TaskDelay_ThirtyMinutes_CompletesAfterThirtyVirtualMinutesAndNotOneTickBefore()
    {
        SynchronizationContext? continuationContext = null;
        TimeSpan continuationTime = TimeSpan.MinValue;
        async Task Wait()
        {
            await Task.Delay(TimeSpan.FromMinutes(30), Time);
            continuationContext = SynchronizationContext.Current;
            continuationTime = _clock.Now;
        }

        Task? task = null;
        _clock.SynchronizationContext.Post(_ => task = Wait(), null);
        _clock.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromTicks(1));
        task!.IsCompleted.Should().BeFalse();

        _clock.Advance(TimeSpan.FromTicks(1));

        task.IsCompletedSuccessfully.Should().BeTrue();
        continuationContext.Should().BeSameAs(_clock.SynchronizationContext);
        continuationTime.Should().Be(TimeSpan.FromMinutes(30));
    }

    [ReactorFact]
    public async Task PeriodicTimer_TicksOncePerVirtualPeriod()
    {
        var ticks = new List<TimeSpan>();
        using (var timer = new PeriodicTimer(TimeSpan.FromSeconds(10), Clock.TimeProvider))
        {
            while (ticks.Count < 3 && await timer.WaitForNextTickAsync())
            {
                ticks.Add(Clock.Now);
            }
        }

        // Disposing the PeriodicTimer disposes its timer: the clean-reactor check fails the test if its call were left pending.
        ticks.Should().Equal(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void CancellationTokenSource_CancelsAtTheRightVirtualInstant()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90), Time);
        var cancelledAt = TimeSpan.MinValue;
        cts.Token.Register(() => cancelledAt = _clock.Now);

        _clock.Advance(TimeSpan.FromSeconds(89));
        cts.IsCancellationRequested.Should().BeFalse();
        _clock.Advance(TimeSpan.FromSeconds(2));

        cts.IsCancellationRequested.Should().BeTrue();
        cancelledAt.Should().Be(TimeSpan.FromSeconds(90));
    }

    [ReactorFact]
    public async Task WaitAsync_TimesOutOnVirtualTime()
    {
        var never = new TaskCompletionSource().Task;

        await Assert.ThrowsAsync<TimeoutException>(() => never.WaitAsync(TimeSpan.FromMinutes(10), Clock.TimeProvider));

        Clock.Now.Should().Be(TimeSpan.FromMinutes(10));
    }

    [Fact]
    public void CreateTimer_Periodic_FiresOnTheGridOfItsFirstTick()
    {
        var fired = new List<TimeSpan>();
        using var timer = Time.CreateTimer(_ => fired.Add(_clock.Now), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        _clock.Advance(TimeSpan.FromSeconds(8));

        fired.Should().Equal(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(7));
    }

    [Fact]
    public void CreateTimer_PassesItsStateToTheCallback()
    {
        object? seen = null;
        var state = new object();
        using var timer = Time.CreateTimer(s => seen = s, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        _clock.Advance(TimeSpan.Zero);

        seen.Should().BeSameAs(state);
    }

    [Fact]
    public void Change_ReschedulesAndInfiniteDueTimeDisables()
    {
        int fired = 0;
        using var timer = Time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        timer.Change(TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan).Should().BeTrue();
        _clock.Advance(TimeSpan.FromSeconds(4));
        fired.Should().Be(0);
        _clock.Advance(TimeSpan.FromSeconds(1));
        fired.Should().Be(1);

        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan).Should().BeTrue();
        _clock.PendingCallCount.Should().Be(0);
    }

    [Fact]
    public void Change_FromInsideTheCallback_ReplacesTheNextPeriodicTick()
    {
        var fired = new List<TimeSpan>();
        ITimer? timer = null;
        timer = Time.CreateTimer(
            _ =>
            {
                fired.Add(_clock.Now);
                if (fired.Count == 1)
                {
                    timer!.Change(TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
                }
            },
            null,
            TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(1));

        _clock.Advance(TimeSpan.FromSeconds(30));

        fired.Should().Equal(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(11));
        timer.Dispose();
    }

    [Fact]
    public async Task Dispose_StopsTheTimerAndLaterChangesReturnFalse()
    {
        int fired = 0;
        var timer = Time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        await timer.DisposeAsync();
        _clock.Advance(TimeSpan.FromSeconds(5));

        fired.Should().Be(0);
        timer.Change(TimeSpan.Zero, TimeSpan.Zero).Should().BeFalse();
        _clock.PendingCallCount.Should().Be(0);
    }

    [Fact]
    public void CreateTimer_WithANegativeDueTime_ThrowsWithTheValue()
    {
        var act = () => Time.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(-2), Timeout.InfiniteTimeSpan);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*-00:00:02*");
    }

    [Fact]
    public void ForgottenTimer_IsCollectedAndNeverFires()
    {
        var fired = new StrongBox<int>();
        var weak = CreateForgottenTimer(fired);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        _clock.Advance(TimeSpan.FromSeconds(10));

        weak.TryGetTarget(out _).Should().BeFalse();
        fired.Value.Should().Be(0);
        _clock.PendingCallCount.Should().Be(0, "a collected timer's pending call is dropped when it comes due");
    }

    [Fact]
    public void ForgottenOneShotTimer_FiresOnceWhateverTheCollectorDoes()
    {
        var fired = new StrongBox<int>();
        CreateForgottenOneShotTimer(fired);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        _clock.Advance(TimeSpan.FromSeconds(10));

        fired.Value.Should().Be(1, "a run must not depend on when a collection happens");
        _clock.PendingCallCount.Should().Be(0);
    }

    [Fact]
    public void OneShotTimer_ChangedToPeriodic_FiresOnTheGridOfItsNewFirstTick()
    {
        var fired = new List<TimeSpan>();
        using var timer = Time.CreateTimer(_ => fired.Add(_clock.Now), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        timer.Change(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)).Should().BeTrue();
        _clock.Advance(TimeSpan.FromSeconds(9));

        fired.Should().Equal(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(8));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TimerChangedOrDisposedAfterTheLoopTookIt_DoesNotRunItsCallback(bool dispose)
    {
        // What another thread can do between the loop taking a timer's call from the queue and running it.
        var scheduler = new Scheduler();
        var provider = new ReactorTimeProvider(scheduler, DateTimeOffset.UnixEpoch);
        int fired = 0;
        var timer = provider.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        var call = scheduler.TakeDue(TimeSpan.FromSeconds(1).Ticks, new RunawayGuard(), out _);

        if (dispose)
        {
            timer.Dispose();
        }
        else
        {
            timer.Change(TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan).Should().BeTrue();
        }

        call!.Run();

        fired.Should().Be(0);
        scheduler.Count.Should().Be(dispose ? 0 : 1, "a change puts the timer back in the queue once, at its new time");
        timer.Dispose();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CreateForgottenOneShotTimer(StrongBox<int> fired) =>
        Time.CreateTimer(_ => fired.Value++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private WeakReference<ITimer> CreateForgottenTimer(StrongBox<int> fired) =>
        new(Time.CreateTimer(_ => fired.Value++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
}
