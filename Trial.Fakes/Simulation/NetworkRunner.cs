using System.Globalization;
using Trial.Reactors;

namespace Trial.Fakes.Simulation;

/// <summary>
/// Drives the network's <see cref="EventLoop"/> (the one loop every reactor shares) from event to event: each due call
/// at its own time, the posted work after it, and a wait for work escaped to the thread pool before time moves.
/// </summary>
/// <remarks>
/// Before each call it asks the loop whether any of its work is queued to or running on the thread pool (one read),
/// and waits for it only then, since a network runs millions of calls a second.
/// </remarks>
internal sealed class NetworkRunner(EventLoop loop)
{
    private const string Refused = "The simulated network cannot be run";

    /// <summary>Runs the calls of the next instant that has any.</summary>
    internal bool Step()
    {
        using var scope = loop.Enter(Refused);
        loop.RunReady();
        loop.WaitForEscapedWork();
        if (!loop.TryPeekDue(out long due))
        {
            return false;
        }

        while (loop.TryPeekDue(out long next) && next == due)
        {
            loop.RunNextDue(due);
            loop.RunReady();
            loop.WaitForEscapedWork();
        }

        return true;
    }

    /// <summary>Runs until <paramref name="condition"/> holds (checked after each call), nothing is pending, or <paramref name="deadline"/>.</summary>
    /// <returns>How the run ended.</returns>
    internal Outcome Run(long deadline, Func<bool>? condition)
    {
        using var scope = loop.Enter(Refused);
        loop.RunReady();
        while (condition is null || !condition())
        {
            // Escaped work finishes before the next call runs, at this instant or a later one: the two never race.
            if (loop.WaitForEscapedWork())
            {
                continue;
            }

            if (!loop.TryPeekDue(out long due))
            {
                return Outcome.Idle;
            }

            if (due > deadline)
            {
                loop.MoveTimeTo(deadline);
                return condition is not null && condition() ? Outcome.Done : Outcome.Deadline;
            }

            loop.RunNextDue(deadline);
            loop.RunReady();
        }

        return Outcome.Done;
    }

    internal static string Describe(long ticks) => TimeSpan.FromTicks(ticks).ToString("c", CultureInfo.InvariantCulture);

    /// <summary>How a run ended.</summary>
    internal enum Outcome
    {
        /// <summary>The condition holds.</summary>
        Done,

        /// <summary>Nothing is pending.</summary>
        Idle,

        /// <summary>The deadline came first; the time is the deadline.</summary>
        Deadline,
    }
}
