using Trial.Fakes.IOSim;
using Trial.Fakes.Memory;

namespace Trial.Tests.Fakes.Proxy;

/// <summary>
/// A memory reactor on a virtual clock whose connection attempts complete through in-memory pumps: enough of a
/// network to run a fault proxy between a client and a server on virtual time.
/// </summary>
internal sealed class VirtualWire
{
    private const int MaxSteps = 100_000;
    private readonly ConnectionCompleter _completer;
    private readonly List<IOPump> _pumps = [];

    public VirtualWire() => _completer = new ConnectionCompleter(Reactor);

    public MemoryReactorClock Reactor { get; } = new();

    public TimeSpan Now => Reactor.Now;

    /// <summary>Completes connections, moves bytes and jumps time from event to event until <paramref name="condition"/> holds.</summary>
    public void RunUntil(Func<bool> condition)
    {
        for (int step = 0; step < MaxSteps; step++)
        {
            if (condition())
            {
                return;
            }

            if (!Turn() && !Reactor.Clock.AdvanceToNextEvent())
            {
                condition().Should().BeTrue($"nothing is left to happen at {Now}");
                return;
            }
        }

        throw new InvalidOperationException($"The wire did not settle within {MaxSteps} steps (at {Now}).");
    }

    /// <summary>Runs everything due until <paramref name="time"/>, then stops the clock there.</summary>
    public void RunUntilTime(TimeSpan time)
    {
        for (int step = 0; step < MaxSteps; step++)
        {
            if (Turn())
            {
                continue;
            }

            var next = Reactor.Clock.GetDelayedCalls().Select(c => c.Time).DefaultIfEmpty(TimeSpan.MaxValue).Min();
            if (next > time)
            {
                Reactor.Clock.AdvanceTo(time);
                Turn();
                return;
            }

            Reactor.Clock.AdvanceToNextEvent();
        }

        throw new InvalidOperationException($"The wire did not reach {time} within {MaxSteps} steps (at {Now}).");
    }

    /// <summary>Runs what is ready now; returns whether anything happened.</summary>
    private bool Turn()
    {
        bool moved = false;
        if (!Reactor.Clock.Ready.IsEmpty)
        {
            Reactor.Clock.Advance(TimeSpan.Zero);
            moved = true;
        }

        while (_completer.SucceedOnce(new IOPumpOptions { Greet = false }) is { } pump)
        {
            _pumps.Add(pump);
            moved = true;
        }

        foreach (var pump in _pumps.ToArray())
        {
            moved |= pump.Pump();
        }

        return moved;
    }
}
