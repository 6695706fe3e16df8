using System.Diagnostics;
using Trial.Deferreds;
using Trial.Fakes.Memory;
using Trial.Fakes.Time;
using Trial.Runner.Sdk;

namespace Trial.Runner.Running;

/// <summary>
/// A simulated run: the test runs on virtual time, on a thread of its own (so a test that blocks cannot hold an xunit
/// worker past the wall-time limit), with time travel from event to event.
/// </summary>
internal sealed class SimulatedRun(ReactorTestContext context) : ReactorRun(context)
{
    protected override async Task RunAsync(TestCase instance, Func<object?> call, List<Exception> errors, List<Leftover> leftovers)
    {
        var reactor = new MemoryReactorClock();
        Context.Attach(reactor, reactor.Clock, network: null);
        var wallLimit = TimeSpan.FromSeconds(Context.Settings.WallTimeout);
        var outcome = new TaskCompletionSource<(List<Exception> Errors, List<Leftover> Leftovers)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => outcome.TrySetResult(Drive(instance, call, reactor, wallLimit)))
        {
            IsBackground = true,
            Name = $"Trial: {Context.DisplayName}",
        };
        thread.Start();
        try
        {
            var (driveErrors, driveLeftovers) = await outcome.Task.WaitAsync(wallLimit);
            errors.AddRange(driveErrors);
            leftovers.AddRange(driveLeftovers);
        }
        catch (TimeoutException)
        {
            // The thread cannot be stopped; it is a background thread working on a clock nothing else uses.
            errors.Add(new ReactorTestTimeoutException(
                $"{Context.DisplayName} did not finish within {wallLimit} of wall time; it was at virtual time {reactor.Clock.Now}. " +
                "Something blocked the simulation's thread (a .Result or .Wait() on work that needs the reactor, or a loop that never yields). " +
                "If the test is merely slow, raise the limit: [ReactorFact(WallTimeout = seconds)]."));
        }
    }

    protected override IReadOnlyList<Exception> Finish(List<Exception> errors) => FailureReport.Finish(Context, errors);

    private (List<Exception>, List<Leftover>) Drive(TestCase instance, Func<object?> call, MemoryReactorClock reactor, TimeSpan wallLimit)
    {
        var errors = new List<Exception>();
        var leftovers = new List<Leftover>();
        var wall = Stopwatch.StartNew();
        var clock = reactor.Clock;
        var limit = TimeSpan.FromSeconds(Context.Settings.VirtualTimeout);
        Context.Enter();
        using (Deferred.ReportUnhandledFailuresTo(Context.Capture))
        {
            Step(errors, () => TimeTravel.Run(clock, () => Body(instance, call), limit, wallLimit, wall, $"{Context.DisplayName} (the test)").GetAwaiter().GetResult());
            Step(errors, () => errors.AddRange(TimeTravel.Run(clock, Context.RunCleanupsAsync, limit, wallLimit, wall, $"{Context.DisplayName} (its cleanups)").GetAwaiter().GetResult()));
            Step(errors, () => leftovers.AddRange(Leftovers.CollectAndClean(clock, OpenResources(reactor))));
        }

        Context.Record.EndTime = clock.Now;
        return (errors, leftovers);
    }

    private static async Task<bool> Body(TestCase instance, Func<object?> call)
    {
        await RunBodyAsync(instance, call);
        return true;
    }

    private static IEnumerable<object> OpenResources(MemoryReactor reactor) =>
    [
        .. reactor.TcpServers.Select(r => r.ListeningPort),
        .. reactor.TlsServers.Select(r => r.ListeningPort),
        .. reactor.UdpPorts.Select(r => r.Transport),
    ];

    private static void Step(List<Exception> errors, Action step)
    {
        try
        {
            step();
        }
        catch (Exception e)
        {
            errors.Add(e);
        }
    }
}
