using System.Text;
using Trial.Protocols;
using Trial.Sockets;
using Trial.Tests.Sockets.Support;
using Trial.Tests.Support;

namespace Trial.Tests.Sockets;

/// <summary>The socket reactor on the shared loop: where continuations run, and work handed to a stopped reactor.</summary>
[Collection(SocketCollection.Name)]
public sealed class SocketReactorLoopTests
{
    [Fact]
    public void AConfigureAwaitFalseContinuationOfAReactorTimer_RunsOnTheLoopThread()
    {
        using var harness = new ReactorHarness();
        int loopThread = harness.Invoke(() => Environment.CurrentManagedThreadId);
        var resumedOn = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        harness.Invoke(() => _ = ResumeAfterADelay());

        ReactorHarness.Wait(resumedOn.Task).Should().Be(loopThread);

        async Task ResumeAfterADelay()
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1), harness.Reactor.TimeProvider).ConfigureAwait(false);
            resumedOn.SetResult(Environment.CurrentManagedThreadId);
        }
    }

    [Fact]
    public void AConfigureAwaitFalseContinuationOfAReplyCompletedInDataReceived_RunsOnTheLoopThread()
    {
        using var harness = new ReactorHarness();
        var client = new ReplyProtocol();
        harness.ConnectLoopback(new EchoProtocol(), client);
        ReactorHarness.Wait(client.Made.Task);
        int loopThread = harness.Invoke(() => Environment.CurrentManagedThreadId);

        var request = harness.Reactor.InvokeAsync(() => RequestAsync(client, harness.Reactor.TimeProvider, TimeSpan.FromSeconds(30)));

        ReactorHarness.Wait(request).Should().Be(("ping", loopThread));
    }

    [Fact]
    public void ATimeoutPathAwaitedWithConfigureAwaitFalse_AbortsTheConnectionOnTheLoopThread()
    {
        using var harness = new ReactorHarness();
        var client = new ReplyProtocol();
        harness.ConnectLoopback(new Protocol(), client);
        ReactorHarness.Wait(client.Made.Task);
        int loopThread = harness.Invoke(() => Environment.CurrentManagedThreadId);

        var request = harness.Reactor.InvokeAsync(() => RequestAsync(client, harness.Reactor.TimeProvider, TimeSpan.FromMilliseconds(20)));

        ReactorHarness.Wait(request).Should().Be(("timed out", loopThread));
        harness.Errors.Should().BeEmpty();
    }

    [Fact]
    public void InvokeAsyncOfAsyncWork_CompletesWithItsResult_AndItsAwaitsComeBackToTheLoop()
    {
        using var harness = new ReactorHarness();
        int loopThread = harness.Invoke(() => Environment.CurrentManagedThreadId);

        Task<int> result = harness.Reactor.InvokeAsync(async () =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1), harness.Reactor.TimeProvider);
            return Environment.CurrentManagedThreadId;
        });
        Task done = harness.Reactor.InvokeAsync(async () =>
        {
            await Task.Yield();
            throw new InvalidOperationException("from async work");
        });

        ReactorHarness.Wait(result).Should().Be(loopThread);
        ReactorHarness.FinishesWithin(Task.WhenAny(done), ReactorHarness.Limit).Should().BeTrue();
        done.Exception!.InnerException.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Be("from async work");
    }

    [Fact]
    public void WorkHandedToAStoppedReactor_FailsAtOnceInsteadOfWaitingForever()
    {
        var reactor = new SocketReactor();
        reactor.StartOnBackgroundThread().Stop(ReactorHarness.Limit);

        FluentActions.Invoking(() => { _ = reactor.InvokeAsync(() => 1); }).Should().Throw<InvalidOperationException>().WithMessage("*stopped*");
        FluentActions.Invoking(() => { _ = reactor.InvokeAsync(() => { }); }).Should().Throw<InvalidOperationException>().WithMessage("*stopped*");
        FluentActions.Invoking(() => reactor.CallFromThread(() => { })).Should().Throw<InvalidOperationException>().WithMessage("*stopped*");
        FluentActions.Invoking(() => reactor.CallSoon(() => { })).Should().Throw<InvalidOperationException>().WithMessage("*stopped*");
        FluentActions.Invoking(() => reactor.CallLater(TimeSpan.FromSeconds(1), () => { })).Should().Throw<InvalidOperationException>().WithMessage("*stopped*");
        reactor.GetDelayedCalls().Should().BeEmpty();
    }

    [Fact]
    public void WorkHandedOverWhileTheReactorStops_StillRuns()
    {
        var reactor = new SocketReactor();
        var thread = reactor.StartOnBackgroundThread();
        var ran = reactor.InvokeAsync(() =>
        {
            reactor.Stop();
            return reactor.InvokeAsync(() => 42);
        });

        ReactorHarness.Wait(ran).Should().Be(42);
        thread.Stop(ReactorHarness.Limit);
    }

    private static async Task<(string Reply, int Thread)> RequestAsync(ReplyProtocol client, TimeProvider time, TimeSpan timeout)
    {
        client.Transport!.Write("ping"u8);
        try
        {
            string reply = await client.Reply.Task.WaitAsync(timeout, time).ConfigureAwait(false);
            client.Transport.LoseConnection();
            return (reply, Environment.CurrentManagedThreadId);
        }
        catch (TimeoutException)
        {
            client.Transport.AbortConnection();
            return ("timed out", Environment.CurrentManagedThreadId);
        }
    }

    /// <summary>Completes <see cref="Reply"/> inside DataReceived, as a request/reply client does (not asynchronously).</summary>
    private sealed class ReplyProtocol : Protocol
    {
        public TaskCompletionSource Made { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<string> Reply { get; } = new();

        public override void ConnectionMade() => Made.TrySetResult();

        public override void DataReceived(ReadOnlySpan<byte> data) => Reply.TrySetResult(Encoding.ASCII.GetString(data));
    }
}
