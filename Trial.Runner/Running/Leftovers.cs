using System.Text;
using Trial.Diagnostics;
using Trial.Reactors;
using Trial.Time;
using Trial.Transports;

namespace Trial.Runner.Running;

/// <summary>The clean-reactor check: lists what a test left behind (Twisted's "Reactor was unclean"), then cleans it up.</summary>
internal static class Leftovers
{
    /// <summary>Lists the pending delayed calls and the open resources, then cancels and closes them.</summary>
    /// <param name="time">The reactor's time, whose delayed calls are listed.</param>
    /// <param name="resources">The ports, attempts and connections still open.</param>
    /// <returns>What was left, in the order found.</returns>
    internal static List<Leftover> CollectAndClean(IReactorTime time, IEnumerable<object> resources)
    {
        var found = new List<Leftover>();
        foreach (var call in time.GetDelayedCalls())
        {
            found.Add(new Leftover($"{DescribeCall(call)}, due at {call.Time}", ResourceOrigins.Of(call) as ResourceOrigin));
            Quietly(() =>
            {
                if (call.Active)
                {
                    call.Cancel();
                }
            });
        }

        foreach (var resource in resources)
        {
            found.Add(new Leftover(DescribeResource(resource), ResourceOrigins.Of(resource) as ResourceOrigin));
            Quietly(() => Close(resource));
        }

        return found;
    }

    /// <summary>Takes the errors the test logged and did not flush, and the deferred failures nobody handled.</summary>
    internal static List<Leftover> FromLog(ReactorTestContext context)
    {
        var (logged, unhandled) = context.Capture.TakeAll();
        var found = new List<Leftover>();
        string clock = context.Clock is null ? "time" : "virtual time";
        foreach (var (e, at) in logged)
        {
            found.Add(new Leftover($"an error logged by {context.DisplayName} at {clock} {at:c} and never flushed: [{e.Source}] {e.FormatMessage()}", null, e.Failure?.ToString()));
        }

        foreach (var (e, at) in unhandled)
        {
            var origin = e.Properties.FirstOrDefault(p => p.Key == "Origin").Value as ResourceOrigin;
            found.Add(new Leftover($"a deferred failure nobody handled (reported at {clock} {at:c}): {e.FormatMessage()}", origin, e.Failure?.ToString()));
        }

        return found;
    }

    /// <summary>Writes the report: each leftover with the test that made it, where and when, then how to fix it.</summary>
    internal static string Describe(ReactorTestContext context, IReadOnlyList<Leftover> leftovers)
    {
        var text = new StringBuilder();
        text.Append("The reactor was unclean after ").Append(context.DisplayName).Append(": ").Append(leftovers.Count)
            .Append(leftovers.Count == 1 ? " thing was" : " things were").Append(" left behind.");
        foreach (var leftover in leftovers)
        {
            text.AppendLine().Append("  - ").Append(leftover.What);
            if (leftover.Origin is { } origin)
            {
                text.AppendLine().Append("    ").Append(origin.Describe("        "));
            }

            if (leftover.Detail is { } detail)
            {
                text.AppendLine().Append("    ").Append(detail.ReplaceLineEndings(Environment.NewLine + "    "));
            }
        }

        text.AppendLine().Append(
            "Everything listed has been cleaned up, so the next test starts clean. Make the test stop what it starts (Cancel a delayed call, " +
            "StopListening, LoseConnection, handle every Deferred's failure), or flush expected errors with FlushLoggedErrors<TException>(); " +
            "[ReactorFact(CheckClean = false)] turns this check off for one test.");
        return text.ToString();
    }

    private static string DescribeCall(IDelayedCall call)
    {
        string target = call is DelayedCall delayed ? delayed.Target : call.ToString() ?? "?";
        return target.StartsWith("Trial.Time.ReactorTimer", StringComparison.Ordinal)
            ? "a TimeProvider timer (from Task.Delay, a PeriodicTimer, CancelAfter or WaitAsync) still pending"
            : $"a delayed call to {target}";
    }

    private static string DescribeResource(object resource) => resource switch
    {
        IListeningPort port => $"a listening port on {port.LocalAddress}",
        IConnector connector => $"a connection attempt to {connector.Destination}, still {connector.State}",
        ITransport transport => $"an open connection from {transport.LocalAddress} to {transport.RemoteAddress}",
        IDatagramTransport udp => $"an open UDP port on {udp.LocalAddress}",
        _ => $"an open {resource.GetType().Name}",
    };

    private static void Close(object resource)
    {
        switch (resource)
        {
            case IListeningPort port:
                _ = port.StopListening();
                break;
            case IConnector connector:
                connector.StopConnecting();
                break;
            case ITransport transport:
                transport.AbortConnection();
                break;
            case IDatagramTransport udp:
                _ = udp.StopListening();
                break;
        }
    }

    private static void Quietly(Action action)
    {
        try
        {
            action();
        }
        catch (Exception)
        {
            // Cleaning up is best effort: what could not be closed was already listed, and the reactor is discarded.
        }
    }
}
