using System.Threading.Channels;
using Trial.Fakes.Time;

namespace Trial.Tests.Fakes.Time;

/// <summary>
/// Ordinary async library code (ConfigureAwait(false), RunContinuationsAsynchronously, Task.Run, SemaphoreSlim,
/// Channel, PeriodicTimer, CancelAfter, WhenAny) runs on the clock at exact virtual times, the same every run.
/// </summary>
public sealed class AsyncPatternsOnClockTests
{
    [Fact]
    public void ConfigureAwaitFalseChains_RunAtExactVirtualTimes() => AsyncScenario.RunsIdentically(
        async (clock, log) =>
        {
            log("start");
            await Step(clock, 1).ConfigureAwait(false);
            log("after step 1");
            await Step(clock, 2).ConfigureAwait(false);
            log("after step 2");
            int[] both = await Task.WhenAll(Step(clock, 3), Step(clock, 4)).ConfigureAwait(false);
            log($"both {both[0] + both[1]}");
        },
        "start@0",
        "after step 1@1",
        "after step 2@3",
        "both 7@7");

    [Fact]
    public void RunUntilOfADelayAwaitedWithConfigureAwaitFalse_DoesNotFailAsNothingScheduled() => AsyncScenario.RunsIdentically(
        async (clock, log) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1), clock.TimeProvider).ConfigureAwait(false);
            log("one");
            await Task.Delay(TimeSpan.FromSeconds(1), clock.TimeProvider).ConfigureAwait(false);
            log("two");
        },
        "one@1",
        "two@2");

    [Fact]
    public void AReplyAwaitedThroughWaitAsyncWithATimeout_ArrivesInsteadOfTimingOut() => AsyncScenario.RunsIdentically(
        async (clock, log) =>
        {
            var reply = new TaskCompletionSource<string>();
            clock.CallLater(TimeSpan.FromSeconds(1), () => reply.SetResult("pong"));
            string answer = await reply.Task.WaitAsync(TimeSpan.FromSeconds(5), clock.TimeProvider).ConfigureAwait(false);
            log(answer);
            await Task.Delay(TimeSpan.FromSeconds(1), clock.TimeProvider).ConfigureAwait(false);
            log("next request");
        },
        "pong@1",
        "next request@2");

    [Fact]
    public void ARunContinuationsAsynchronouslySourceCompletedByATimer_ResumesAtTheTimersInstant() => AsyncScenario.RunsIdentically(
        async (clock, log) =>
        {
            var source = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            clock.CallLater(TimeSpan.FromSeconds(5), () => source.SetResult(42));
            int value = await source.Task.ConfigureAwait(false);
            log($"got {value}");
            await Task.Delay(TimeSpan.FromSeconds(1), clock.TimeProvider).ConfigureAwait(false);
            log("a second later");
        },
        "got 42@5",
        "a second later@6");

    [Fact]
    public void AConstructorThatStartsATaskRunLoopOverAPeriodicTimer_BeatsOnVirtualTime() => AsyncScenario.RunsIdentically(
        async (clock, log) =>
        {
            var heartbeat = new Heartbeat(clock.TimeProvider, log);
            await Task.Delay(TimeSpan.FromSeconds(35), clock.TimeProvider).ConfigureAwait(false);
            await heartbeat.DisposeAsync().ConfigureAwait(false);
            log("stopped");
        },
        "beat 1@10",
        "beat 2@20",
        "beat 3@30",
        "stopped@35");

    [Fact]
    public void SemaphoreSlimWaitAsyncWithATimeout_AcquiresOrTimesOutAtTheRightInstant() => AsyncScenario.RunsIdentically(
        async (clock, log) =>
        {
            using var semaphore = new SemaphoreSlim(0);
            clock.CallLater(TimeSpan.FromSeconds(3), () => semaphore.Release());
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), clock.TimeProvider))
            {
                await semaphore.WaitAsync(timeout.Token).ConfigureAwait(false);
                log("acquired");
            }

            try
            {
                await semaphore.WaitAsync().WaitAsync(TimeSpan.FromSeconds(2), clock.TimeProvider).ConfigureAwait(false);
                log("acquired again");
            }
            catch (TimeoutException)
            {
                log("timed out");
            }
        },
        "acquired@3",
        "timed out@5");

    [Fact]
    public void AChannelReaderLoop_ReadsEachItemWhenItIsWritten() => AsyncScenario.RunsIdentically(
        async (clock, log) =>
        {
            var channel = Channel.CreateUnbounded<int>();
            var reader = Task.Run(async () =>
            {
                await foreach (int item in channel.Reader.ReadAllAsync().ConfigureAwait(false))
                {
                    log($"read {item}");
                }

                log("drained");
            });
            for (int i = 1; i <= 3; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(i), clock.TimeProvider).ConfigureAwait(false);
                await channel.Writer.WriteAsync(i).ConfigureAwait(false);
            }

            channel.Writer.Complete();
            await reader.ConfigureAwait(false);
            log("done");
        },
        "read 1@1",
        "read 2@3",
        "read 3@6",
        "drained@6",
        "done@6");

    [Fact]
    public void WhenAnyRacingAReplyAgainstADelay_PicksTheFirstAtItsInstant() => AsyncScenario.RunsIdentically(
        async (clock, log) =>
        {
            log(await Request(clock, TimeSpan.FromSeconds(2)).ConfigureAwait(false));
            log(await Request(clock, TimeSpan.FromSeconds(10)).ConfigureAwait(false));
        },
        "pong@2",
        "timeout@7");

    [Fact]
    public void CancelAfter_CancelsAtTheVirtualInstant() => AsyncScenario.RunsIdentically(
        async (clock, log) =>
        {
            using var cancellation = new CancellationTokenSource(Timeout.InfiniteTimeSpan, clock.TimeProvider);
            cancellation.CancelAfter(TimeSpan.FromSeconds(4));
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(1), clock.TimeProvider, cancellation.Token).ConfigureAwait(false);
                log("not cancelled");
            }
            catch (OperationCanceledException)
            {
                log("cancelled");
            }

            cancellation.CancelAfter(TimeSpan.FromSeconds(1));
            log("cancel again is a no-op");
        },
        "cancelled@4",
        "cancel again is a no-op@4");

    private static async Task<int> Step(Clock clock, int seconds)
    {
        await Task.Delay(TimeSpan.FromSeconds(seconds), clock.TimeProvider).ConfigureAwait(false);
        await Task.Yield();
        return seconds;
    }

    private static async Task<string> Request(Clock clock, TimeSpan replyAfter)
    {
        var reply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        clock.CallLater(replyAfter, () => reply.TrySetResult("pong"));
        using var cancelTimeout = new CancellationTokenSource();
        var timeout = Task.Delay(TimeSpan.FromSeconds(5), clock.TimeProvider, cancelTimeout.Token);
        var winner = await Task.WhenAny(reply.Task, timeout).ConfigureAwait(false);
        if (winner != reply.Task)
        {
            return "timeout";
        }

        await cancelTimeout.CancelAsync().ConfigureAwait(false);
        return await reply.Task.ConfigureAwait(false);
    }

    /// <summary>A service as libraries write them: its constructor starts a background loop on the thread pool.</summary>
    private sealed class Heartbeat : IAsyncDisposable
    {
        private readonly PeriodicTimer _timer;
        private readonly Task _loop;

        internal Heartbeat(TimeProvider time, Action<string> log)
        {
            _timer = new PeriodicTimer(TimeSpan.FromSeconds(10), time);
            _loop = Task.Run(() => BeatAsync(log));
        }

        public async ValueTask DisposeAsync()
        {
            _timer.Dispose();
            await _loop.ConfigureAwait(false);
        }

        private async Task BeatAsync(Action<string> log)
        {
            int beats = 0;
            while (await _timer.WaitForNextTickAsync().ConfigureAwait(false))
            {
                log($"beat {++beats}");
            }
        }
    }
}
