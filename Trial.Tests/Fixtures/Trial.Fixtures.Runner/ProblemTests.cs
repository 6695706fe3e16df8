using Microsoft.Extensions.Logging;

namespace Trial.Fixtures.Runner;

public sealed class ProblemTests : TestCase
{
    [ReactorFact]
    public void Leaves_a_delayed_call() => Reactor.CallLater(TimeSpan.FromMinutes(5), Ping);

    [ReactorFact(CheckClean = false)]
    public void Leaves_a_delayed_call_but_opts_out() => Reactor.CallLater(TimeSpan.FromMinutes(5), Ping);

    [ReactorFact]
    public void Leaves_a_listener() => Reactor.ListenTcp(8080, Factory.ForProtocol(() => new Protocol()));

    [ReactorFact]
    public async Task Waits_for_a_reply_nobody_sends() => await WaitForReply(new TaskCompletionSource<string>());

    [ReactorFact]
    public void Leaks_a_deferred_failure() => FailUnhandled();

    [ReactorFact]
    public void Logs_an_error() => new Logger("Fixture.Server", Log).Failure("Lost the database", new InvalidOperationException("database gone"));

    [ReactorFact]
    public void Logs_an_error_and_flushes_it()
    {
        new Logger("Fixture.Server", Log).Failure("Lost the database", new InvalidOperationException("database gone"));
        FlushLoggedErrors<InvalidOperationException>().Should().ContainSingle();
    }

    [ReactorFact]
    public void Logs_information() => new Logger("Fixture.Server", Log, Reactor).Emit(LogLevel.Information, "Listening on {Port}", 8080);

    [ReactorFact(VirtualTimeout = 60)]
    public async Task Waits_past_its_virtual_time_limit() => await Task.Delay(TimeSpan.FromMinutes(2), Reactor.TimeProvider);

    [ReactorFact(WallTimeout = 1)]
    public void Blocks_its_thread() => new ManualResetEventSlim().Wait(TimeSpan.FromSeconds(10));

    [ReactorFact]
    public async Task Awaits_work_on_the_thread_pool()
    {
        int sum = await Task.Run(() => Enumerable.Range(1, 1000).Sum());
        sum.Should().Be(500500);
        Clock.Now.Should().Be(TimeSpan.Zero);
    }

    private static void Ping()
    {
    }

    private static async Task<string> WaitForReply(TaskCompletionSource<string> reply) => await reply.Task;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void FailUnhandled() => Deferred.Fail<int>(new TimeoutException("the reply never came"));
}
