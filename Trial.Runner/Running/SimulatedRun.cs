using Trial.Deferreds;
using Trial.Fakes.Simulation;
using Trial.Logging;
using Trial.Runner.Sdk;

namespace Trial.Runner.Running;

/// <summary>
/// A simulated run: the test's reactor is a host named "test" on a <see cref="SimulatedNetwork"/> seeded with the
/// test's seed, and the test runs on the network's virtual time, on a thread of its own (so a test that blocks
/// cannot hold an xunit worker past the wall-time limit), with time travel from event to event.
/// </summary>
internal sealed class SimulatedRun(ReactorTestContext context) : ReactorRun(context)
{
    /// <summary>The name of the host the test's <see cref="TestCase.Reactor"/> is.</summary>
    internal const string TestHostName = "test";

    protected override async Task RunAsync(TestCase instance, Func<object?> call, List<Exception> errors, List<Leftover> leftovers)
    {
        var network = CreateNetwork(instance);
        Context.Attach(network.AddHost(TestHostName), network.Clock, network);
        Context.Record.Network = network;
        var wallLimit = TimeSpan.FromSeconds(Context.Settings.WallTimeout);
        var outcome = new TaskCompletionSource<(List<Exception> Errors, List<Leftover> Leftovers)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => outcome.TrySetResult(Drive(instance, call, network)))
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
            // The thread cannot be stopped; it is a background thread working on a network nothing else uses.
            errors.Add(new ReactorTestTimeoutException(
                $"{Context.DisplayName} did not finish within {wallLimit} of wall time; it was at virtual time {network.Clock.Now}. " +
                "Something blocked the simulation's thread (a .Result or .Wait() on work that needs the reactor, or a loop that never yields). " +
                "If the test is merely slow, raise the limit: [ReactorFact(WallTimeout = seconds)]."));
        }
    }

    protected override IReadOnlyList<Exception> Finish(List<Exception> errors) => FailureReport.Finish(Context, errors);

    /// <summary>Builds the test's network from the options its class asks for, seeded with the test's seed, with protocol errors logged to the test.</summary>
    /// <exception cref="InvalidOperationException">The class's <see cref="TestCase.CreateNetworkOptions"/> threw or returned options the network rejects.</exception>
    private SimulatedNetwork CreateNetwork(TestCase instance)
    {
        string method = Context.MethodName;
        try
        {
            var options = instance.RunCreateNetworkOptions(method) ?? throw new InvalidOperationException("it returned null; return new NetworkOptions() for the defaults");
            var logger = new Logger("Trial.Fakes.Simulation.SimulatedNetwork", Context.Log);
            var theirs = options.OnError;
            return new SimulatedNetwork(Context.Variant.Seed, options with
            {
                OnError = (host, what, error) =>
                {
                    logger.Failure("{What} (on host {Host})", error, what, host.Name);
                    theirs?.Invoke(host, what, error);
                },
            });
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"{instance.GetType().FullName}.CreateNetworkOptions(\"{method}\") gave no usable network options, so {Context.DisplayName} has no network: {e.Message}", e);
        }
    }

    private (List<Exception>, List<Leftover>) Drive(TestCase instance, Func<object?> call, SimulatedNetwork network)
    {
        var errors = new List<Exception>();
        var leftovers = new List<Leftover>();
        var limit = TimeSpan.FromSeconds(Context.Settings.VirtualTimeout);
        Context.Enter();
        using (Deferred.ReportUnhandledFailuresTo(Context.Capture))
        {
            Step(errors, () => TimeTravel.Run(network, () => Body(instance, call), limit, $"{Context.DisplayName} (the test)").GetAwaiter().GetResult());
            Step(errors, () => errors.AddRange(TimeTravel.Run(network, Context.RunCleanupsAsync, limit, $"{Context.DisplayName} (its cleanups)").GetAwaiter().GetResult()));
            Step(errors, () => leftovers.AddRange(SimulatedLeftovers.CollectAndClean(network)));
        }

        Context.Record.EndTime = network.Clock.Now;
        return (errors, leftovers);
    }

    private static async Task<bool> Body(TestCase instance, Func<object?> call)
    {
        await RunBodyAsync(instance, call);
        return true;
    }

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
