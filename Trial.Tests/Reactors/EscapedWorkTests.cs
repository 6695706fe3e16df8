using System.Diagnostics.Tracing;
using System.Globalization;
using Trial.Fakes.Time;
using Trial.Reactors;
using Trial.Tests.Fakes.Time;

namespace Trial.Tests.Reactors;

/// <summary>The moments where escaped work used to be invisible to the clock, each forced open.</summary>
public sealed class EscapedWorkTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(30);

    [Fact]
    public void AWorkerHeldBetweenTakingAnItemAndRunningIt_StillHoldsTimeBack()
    {
        var clock = new Clock();
        using var hold = new DequeueHold();
        clock.Loop.WallClock = new ReleasingWallClock(hold, releaseAtRead: 20);
        var log = new List<string>();
        Task? escaped = null;
        clock.CallLater(TimeSpan.FromSeconds(1), () => escaped = hold.Queue(() =>
        {
            lock (log)
            {
                log.Add(string.Create(CultureInfo.InvariantCulture, $"ran@{clock.Now.TotalSeconds}"));
            }
        }));
        clock.CallLater(TimeSpan.FromSeconds(5), () => log.Add("five@5"));

        try
        {
            clock.Advance(TimeSpan.FromSeconds(10));
        }
        finally
        {
            hold.Release();
            escaped?.Wait(Bounded);
        }

        hold.Held.Should().BeTrue("the worker that took the item was held before the item ran");
        log.Should().Equal(["ran@1", "five@5"], "time does not move while a worker holds the loop's item");
    }

    [Fact]
    public void EscapedWork_FinishesBeforeTheNextCallAtTheSameInstant_OnTheClock()
    {
        for (int run = 0; run < 50; run++)
        {
            var clock = new Clock();
            var log = new List<string>();
            Task? escaped = null;
            clock.CallLater(TimeSpan.FromSeconds(1), () => escaped = Task.Run(() => Add(log, "escaped")));
            clock.CallLater(TimeSpan.FromSeconds(1), () => Add(log, "next call"));

            clock.Advance(TimeSpan.FromSeconds(1));

            escaped!.IsCompletedSuccessfully.Should().BeTrue("time did not move on before the escaped task was done");
            log.Should().Equal(["escaped", "next call"], "run {0}: work a call sends to the pool finishes before the next call at the same instant", run);
        }
    }

    [Fact]
    public void EscapedWork_FinishesBeforeTheNextCallAtTheSameInstant_OnTheNetwork()
    {
        for (int run = 0; run < 50; run++)
        {
            var network = new Trial.Fakes.Simulation.SimulatedNetwork(seed: 1);
            var host = network.AddHost("host");
            var log = new List<string>();
            Task? escaped = null;
            host.CallLater(TimeSpan.FromSeconds(1), () => escaped = Task.Run(() => Add(log, "escaped")));
            host.CallLater(TimeSpan.FromSeconds(1), () => Add(log, "next call"));

            network.RunUntilIdle(TimeSpan.FromSeconds(2));

            escaped!.IsCompletedSuccessfully.Should().BeTrue("time did not move on before the escaped task was done");
            log.Should().Equal(["escaped", "next call"], "run {0}: work a call sends to the pool finishes before the next call at the same instant", run);
        }
    }

    [Fact]
    public void AwaitingTaskRun_ResumesBeforeTimeMoves() => AsyncScenario.RunsIdentically(
        async (clock, log) =>
        {
            for (int i = 0; i < 3; i++)
            {
                int value = await Task.Run(() => i).ConfigureAwait(false);
                log($"got {value}");
                await Task.Delay(TimeSpan.FromSeconds(1), clock.TimeProvider).ConfigureAwait(false);
            }
        },
        "got 0@0",
        "got 1@1",
        "got 2@2");

    [Fact]
    public void ACompletionWithTwoAwaiters_RunsBothBeforeTimeMoves() => AsyncScenario.RunsIdentically(
        async (clock, log) =>
        {
            var reply = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            clock.CallLater(TimeSpan.FromSeconds(2), reply.SetResult);
            async Task<double> Wait()
            {
                // Each awaiter's wake-up is its own pool item; the two may run in either order, at the same instant.
                await Task.WhenAny(reply.Task, Task.Delay(TimeSpan.FromSeconds(10), clock.TimeProvider)).ConfigureAwait(false);
                return clock.Now.TotalSeconds;
            }

            double[] woke = await Task.WhenAll(Wait(), Wait()).ConfigureAwait(false);
            log(string.Create(CultureInfo.InvariantCulture, $"woke at {woke[0]} and {woke[1]}"));
            await Task.Delay(TimeSpan.FromSeconds(1), clock.TimeProvider).ConfigureAwait(false);
            log("later");
        },
        "woke at 2 and 2@2",
        "later@3");

    private static void Add(List<string> log, string what)
    {
        lock (log)
        {
            log.Add(what);
        }
    }

    /// <summary>
    /// Holds the pool worker that takes one chosen item, at the dequeue, before the item runs: a worker preempted at
    /// the worst moment, on demand.
    /// </summary>
    private sealed class DequeueHold : EventListener
    {
        private readonly ManualResetEventSlim _released = new();
        private long _chosen;
        private volatile bool _choosing;
        private volatile bool _held;
        private volatile bool _heard;

        internal DequeueHold()
        {
            // The pool decides to report its work at the start of each dispatch: probe until an enqueue is heard.
            using var ran = new ManualResetEventSlim();
            for (int attempt = 0; attempt < 20 && !_heard; attempt++)
            {
                ran.Reset();
                ThreadPool.UnsafeQueueUserWorkItem(static state => ((ManualResetEventSlim)state!).Set(), ran);
                ran.Wait(Bounded).Should().BeTrue();
            }

            _heard.Should().BeTrue("the pool reports its enqueues once a listener asks");
        }

        internal bool Held => _held;

        /// <summary>Queues <paramref name="action"/> to the pool, and chooses it as the item to hold.</summary>
        internal Task Queue(Action action)
        {
            _choosing = true;
            try
            {
                return Task.Run(action);
            }
            finally
            {
                _choosing = false;
            }
        }

        internal void Release() => _released.Set();

        public override void Dispose()
        {
            _released.Set();
            base.Dispose();
            _released.Dispose();
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "System.Diagnostics.Eventing.FrameworkEventSource")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)2);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.Payload is not [long id, ..])
            {
                return;
            }

            if (eventData.EventId == 30)
            {
                _heard = true;
                if (_choosing)
                {
                    Interlocked.CompareExchange(ref _chosen, id, 0);
                }

                return;
            }

            if (eventData.EventId == 31 && id == Interlocked.Read(ref _chosen) && !_held)
            {
                _held = true;
                _released.Wait(Bounded);
            }
        }
    }

    /// <summary>A wall clock a millisecond further on at each read, which lets the held worker go at one read.</summary>
    private sealed class ReleasingWallClock(DequeueHold hold, int releaseAtRead) : IWallClock
    {
        private int _reads;

        public long ElapsedTicks
        {
            get
            {
                int reads = Interlocked.Increment(ref _reads);
                if (reads == releaseAtRead)
                {
                    hold.Release();
                }

                return reads * TimeSpan.TicksPerMillisecond;
            }
        }
    }
}
