using System.Text;
using Trial.Deferreds;
using Trial.Errors;
using Trial.Protocols;
using Trial.Reactors;
using Trial.Sockets;
using Trial.Tests.Sockets.Support;
using Trial.Tests.Support;

namespace Trial.Tests.Sockets;

/// <summary>
/// The socket reactor's own machinery (threads, timers, the thread pool, shutdown, pollers), on
/// <see cref="ReactorHarness"/>; the protocol exchange that shows a throwing protocol is reported runs as a
/// real-mode reactor test, whose reported error the test flushes.
/// </summary>
[Collection(SocketCollection.Name)]
public sealed class SocketReactorTests : TestCase
{
    [Fact]
    public void CallFromThread_FromEightThreads_RunsEveryCallOnTheLoopThread()
    {
        const int threads = 8;
        const int calls = 2_000;
        using var harness = new ReactorHarness();
        int loopThread = harness.Invoke(() => Environment.CurrentManagedThreadId);
        int count = 0;
        int offLoop = 0;
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait(ReactorHarness.Limit);
            for (int i = 0; i < calls; i++)
            {
                harness.Reactor.CallFromThread(() =>
                {
                    count++;
                    if (Environment.CurrentManagedThreadId != loopThread)
                    {
                        offLoop++;
                    }
                });
            }
        })).ToList();

        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join(ReactorHarness.Limit).Should().BeTrue());

        harness.Invoke(() => count).Should().Be(threads * calls);
        harness.Invoke(() => offLoop).Should().Be(0);
    }

    [Fact]
    public void CallLater_RunsOnTheLoopAfterItsDelay()
    {
        using var harness = new ReactorHarness();
        var fired = new TaskCompletionSource<(TimeSpan Scheduled, TimeSpan Ran)>(TaskCreationOptions.RunContinuationsAsynchronously);

        harness.Invoke(() =>
        {
            var scheduled = harness.Reactor.Now;
            harness.Reactor.CallLater(TimeSpan.FromMilliseconds(20), () => fired.SetResult((scheduled, harness.Reactor.Now)));
        });

        var (scheduledAt, ranAt) = ReactorHarness.Wait(fired.Task);
        (ranAt - scheduledAt).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(20));
    }

    [Fact]
    public void Await_InACallback_ContinuesOnTheLoopThread()
    {
        using var harness = new ReactorHarness();
        int loopThread = harness.Invoke(() => Environment.CurrentManagedThreadId);

        var continuedOn = harness.Invoke(async () =>
        {
            await Task.Yield();
            await Task.Delay(TimeSpan.FromMilliseconds(1), harness.Reactor.TimeProvider);
            return Environment.CurrentManagedThreadId;
        });

        ReactorHarness.Wait(continuedOn).Should().Be(loopThread);
    }

    [Fact]
    public void DeferToThread_RunsOffTheLoopAndCompletesOnIt()
    {
        using var harness = new ReactorHarness(new SocketReactorOptions { ThreadPoolSize = 2 });
        int loopThread = harness.Invoke(() => Environment.CurrentManagedThreadId);
        var completedOn = new TaskCompletionSource<(int Worker, int Completion)>(TaskCreationOptions.RunContinuationsAsynchronously);

        harness.Invoke(() => harness.Reactor.DeferToThread(() => Environment.CurrentManagedThreadId).AddCallback(worker =>
        {
            completedOn.SetResult(((int)worker!, Environment.CurrentManagedThreadId));
            return null;
        }));

        var (worker, completion) = ReactorHarness.Wait(completedOn.Task);
        worker.Should().NotBe(loopThread);
        completion.Should().Be(loopThread);
    }

    [Fact]
    public void DeferToThread_RunsAtMostThePoolSizeAtOnce()
    {
        using var harness = new ReactorHarness(new SocketReactorOptions { ThreadPoolSize = 2 });
        int running = 0;
        int peak = 0;
        using var release = new ManualResetEventSlim();
        var tasks = harness.Invoke(() => Enumerable.Range(0, 6).Select(i => harness.Reactor.DeferToThread(() =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            release.Wait(ReactorHarness.Limit);
            Interlocked.Decrement(ref running);
            return i;
        }).AsTask()).ToArray());

        SpinWait.SpinUntil(() => Volatile.Read(ref running) == 2, ReactorHarness.Limit).Should().BeTrue();
        release.Set();

        ReactorHarness.Wait(Task.WhenAll(tasks)).Should().Equal(0, 1, 2, 3, 4, 5);
        peak.Should().Be(2);
    }

    [Fact]
    public void DeferToThread_WithThrowingWork_FailsTheDeferredOnTheLoop()
    {
        using var harness = new ReactorHarness();
        int loopThread = harness.Invoke(() => Environment.CurrentManagedThreadId);
        var failed = new TaskCompletionSource<(Exception Error, int Thread)>(TaskCreationOptions.RunContinuationsAsynchronously);

        harness.Invoke(() => harness.Reactor.DeferToThread<int>(() => throw new FormatException("bad work")).AddErrback(f =>
        {
            failed.SetResult((f.Exception, Environment.CurrentManagedThreadId));
            return null;
        }));

        var (error, thread) = ReactorHarness.Wait(failed.Task);
        error.Should().BeOfType<FormatException>().Which.Message.Should().Be("bad work");
        thread.Should().Be(loopThread);
    }

    [Fact]
    public void Stop_RunsShutdownTriggersInPhaseOrder_WaitingForBeforeDeferreds()
    {
        var reactor = new SocketReactor();
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var pending = new Deferred<int>();
        reactor.AddShutdownTrigger(ShutdownPhase.After, () =>
        {
            log.Enqueue("after");
            return null;
        });
        reactor.AddShutdownTrigger(ShutdownPhase.During, () =>
        {
            log.Enqueue("during");
            return null;
        });
        reactor.AddShutdownTrigger(ShutdownPhase.Before, () =>
        {
            log.Enqueue("before");
            reactor.CallLater(TimeSpan.FromMilliseconds(1), () =>
            {
                log.Enqueue("before's deferred fires");
                pending.Callback(1);
            });
            return pending;
        });
        var thread = reactor.StartOnBackgroundThread();

        thread.Stop(ReactorHarness.Limit);

        log.Should().Equal("before", "before's deferred fires", "during", "after");
        reactor.Running.Should().BeFalse();
    }

    [Fact]
    public void ErrorsInCallbacks_AreLoggedAsErrorEventsWithTheException()
    {
        using var harness = new ReactorHarness();

        harness.Invoke(() => harness.Reactor.CallLater(TimeSpan.Zero, () => throw new InvalidDataException("from a timer")));

        SpinWait.SpinUntil(() => !harness.Events.IsEmpty, ReactorHarness.Limit).Should().BeTrue();
        harness.Events.TryPeek(out var logEvent).Should().BeTrue();
        logEvent!.IsError.Should().BeTrue();
        logEvent.Exception.Should().BeOfType<InvalidDataException>();
        logEvent.FormatMessage().Should().Contain("from a timer");
    }

    [ReactorFact(Mode = ReactorMode.Real, WallTimeout = SocketCollection.WallTimeout)]
    public async Task ThrowingProtocol_IsAbortedAndReported_WhileOthersAreServed()
    {
        var listening = Reactor.ListenTcp(0, Factory.ForProtocol(() => new ThrowOnBoom()), host: "127.0.0.1");
        AddCleanup(() => listening.StopListening());
        var bad = new RecordingProtocol();
        var good = new RecordingProtocol();
        Reactor.ConnectTcp("127.0.0.1", listening.Port, new RecordingClientFactory(() => bad));
        Reactor.ConnectTcp("127.0.0.1", listening.Port, new RecordingClientFactory(() => good));
        await Task.WhenAll(bad.Made.Task, good.Made.Task);

        bad.Transport!.Write("boom"u8);
        (await bad.Lost.Task).Should().BeOfType<ConnectionResetException>();
        good.Transport!.Write("fine"u8);

        await good.UntilReceived(4);
        Encoding.ASCII.GetString(good.Received).Should().Be("fine");
        FlushLoggedErrors<Exception>().Should().ContainSingle().Which.Exception.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Be("boom");
        good.Transport.LoseConnection();
        await good.Lost.Task;
    }

    [Fact]
    public void Stop_WithOpenConnections_ClosesThemAndDeliversTheirLosses()
    {
        var harness = new ReactorHarness();
        var server = new RecordingProtocol();
        int port = harness.Invoke(() => harness.Reactor.ListenTcp(0, Factory.ForProtocol(() => server), host: "127.0.0.1").Port);
        var client = new RecordingProtocol();
        var factory = new RecordingClientFactory(() => client);
        harness.Invoke(() => harness.Reactor.ConnectTcp("127.0.0.1", port, factory));
        ReactorHarness.Wait(Task.WhenAll(server.Made.Task, client.Made.Task));

        harness.Dispose();

        harness.Reactor.Running.Should().BeFalse();
        server.Lost.Task.IsCompleted.Should().BeTrue();
        ReactorHarness.Wait(client.Lost.Task).Should().BeOfType<ConnectionLostException>();
        factory.ConnectionEnded.Task.IsCompleted.Should().BeTrue();
        factory.Stops.Should().Be(1);
    }

    [Fact]
    public void Run_Twice_Throws()
    {
        using var reactor = new SocketReactor();
        reactor.Stop();
        reactor.Run();

        reactor.Invoking(r => r.Run()).Should().Throw<InvalidOperationException>().WithMessage("*runs once*");
    }

    [Fact]
    public void PortablePoller_EchoesLikeEpoll()
    {
        using var harness = new ReactorHarness(new SocketReactorOptions { UsePortablePoller = true });
        harness.Reactor.UsesEpoll.Should().BeFalse();
        int port = harness.Invoke(() => harness.Reactor.ListenTcp(0, Factory.ForProtocol<EchoProtocol>(), host: "127.0.0.1").Port);
        var client = new RecordingProtocol();
        harness.Invoke(() => harness.Reactor.ConnectTcp("127.0.0.1", port, new RecordingClientFactory(() => client)));
        ReactorHarness.Wait(client.Made.Task);
        var payload = new byte[4 << 20];
        payload.AsSpan().Fill(42);

        harness.Invoke(() => client.Transport!.Write(payload));

        ReactorHarness.Wait(client.UntilReceived(payload.Length));
        client.Received.Should().Equal(payload);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private sealed class ThrowOnBoom : Protocol
    {
        public override void DataReceived(ReadOnlySpan<byte> data)
        {
            if (data.SequenceEqual("boom"u8))
            {
                throw new InvalidOperationException("boom");
            }

            Transport!.Write(data);
        }
    }
}
