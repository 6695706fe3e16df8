using Trial.Deferreds;
using Trial.Runner.Sdk;
using Trial.Sockets;

namespace Trial.Runner.Running;

/// <summary>A real run: a <see cref="SocketReactor"/> on its own thread, with the test body, the cleanups and the check on that thread.</summary>
internal sealed class RealRun(ReactorTestContext context) : ReactorRun(context)
{
    protected override async Task RunAsync(TestCase instance, Func<object?> call, List<Exception> errors, List<Leftover> leftovers)
    {
        // The reactor logs to the test's Log, as the simulated network does: the capture that fails a test on logged
        // errors observes it, and so can the test.
        var reactor = new SocketReactor(new SocketReactorOptions { Log = Context.Log });
        Context.Attach(reactor, clock: null, network: null);
        var limit = TimeSpan.FromSeconds(Math.Min(Context.Settings.VirtualTimeout, Context.Settings.WallTimeout));

        // The reactor's thread inherits this flow: the current test, origin recording and the unhandled-failure scope.
        Context.Enter();
        SocketReactorThread thread;
        using (Deferred.ReportUnhandledFailuresTo(Context.Capture))
        {
            thread = reactor.StartOnBackgroundThread($"Trial: {Context.DisplayName}");
        }

        try
        {
            await Bounded(errors, reactor.InvokeAsync(() => RunBodyAsync(instance, call)), limit, "the test");
            var cleanups = reactor.InvokeAsync(() => Context.RunCleanupsAsync());
            if (await Bounded(errors, cleanups, limit, "its cleanups"))
            {
                errors.AddRange(cleanups.Result);
            }

            var check = reactor.InvokeAsync(() => Leftovers.CollectAndClean(reactor.GetDelayedCalls(), reactor.OpenResources));
            if (await Bounded(errors, check, limit, "the clean-reactor check"))
            {
                leftovers.AddRange(check.Result);
            }
        }
        finally
        {
            try
            {
                thread.Stop(limit);
                reactor.Dispose();
            }
            catch (TimeoutException e)
            {
                errors.Add(e);
            }
        }
    }

    /// <summary>Waits for <paramref name="task"/> up to <paramref name="limit"/>; its failure or the timeout goes to <paramref name="errors"/>.</summary>
    /// <returns>Whether it completed successfully.</returns>
    private async Task<bool> Bounded(List<Exception> errors, Task task, TimeSpan limit, string what)
    {
        try
        {
            await task.WaitAsync(limit);
            return true;
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            errors.Add(new ReactorTestTimeoutException(
                $"{Context.DisplayName}: {what} did not finish within {limit} (in real mode the limit is the lesser of VirtualTimeout and WallTimeout). " +
                "Raise the limit with [ReactorFact(VirtualTimeout = seconds, WallTimeout = seconds)], or find what it waits on."));
            return false;
        }
        catch (Exception e)
        {
            errors.Add(e);
            return false;
        }
    }
}
