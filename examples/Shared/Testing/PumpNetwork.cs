using Trial.Fakes.IOSim;
using Trial.Fakes.Time;
using Trial.Protocols;

namespace Examples.Testing;

/// <summary>
/// Many in-memory connections on one virtual clock: each is an <see cref="IOPump"/> whose deliveries are cut into
/// seeded random slices; a partitioned connection moves nothing until healed.
/// </summary>
internal sealed class PumpNetwork(ulong seed)
{
    private readonly List<IOPump> _pumps = [];
    private readonly HashSet<IOPump> _partitioned = [];
    private ulong _connections;

    /// <summary>Gets the clock every connection runs on.</summary>
    public Clock Clock { get; } = new();

    /// <summary>Connects <paramref name="client"/> to <paramref name="server"/> over a new pump.</summary>
    public IOPump Connect(IProtocol server, IProtocol client)
    {
        // Each pump keeps a clock of its own, which it never needs to move: the protocols' timers and awaits are on
        // the shared Clock, which this network moves only when no pump moves anything.
        var options = new IOPumpOptions { Greet = false, Slicing = Slicing.Random(seed * 7919 + _connections++, 1, 1500) };
        var (_, _, pump) = IOPump.ConnectedServerAndClient(server, client, options);
        _pumps.Add(pump);
        return pump;
    }

    /// <summary>Stops moving bytes (and closes) over <paramref name="pump"/> until <see cref="Heal"/>.</summary>
    public void Partition(IOPump pump) => _partitioned.Add(pump);

    /// <summary>Lets <paramref name="pump"/> move bytes again.</summary>
    public void Heal(IOPump pump) => _partitioned.Remove(pump);

    /// <summary>Starts <paramref name="scenario"/> on the clock's context and runs the network until it completes.</summary>
    public void Run(Func<Task> scenario, TimeSpan limit)
    {
        Task? task = null;
        Clock.SynchronizationContext.Post(_ => task = scenario(), null);
        RunUntil(() => task is { IsCompleted: true }, limit);
        task!.GetAwaiter().GetResult();
    }

    /// <summary>Moves bytes, and time when nothing moves, for <paramref name="duration"/> of virtual time.</summary>
    public void RunFor(TimeSpan duration)
    {
        var end = Clock.Now + duration;
        var mark = Clock.CallLater(duration, static () => { });
        RunUntil(() => Clock.Now >= end && !mark.Active, duration);
    }

    /// <summary>Moves bytes, and time when nothing moves, until <paramref name="condition"/> holds.</summary>
    /// <exception cref="TimeoutException">The condition still fails after <paramref name="limit"/> of virtual time.</exception>
    /// <exception cref="InvalidOperationException">Nothing can move and nothing is scheduled.</exception>
    public void RunUntil(Func<bool> condition, TimeSpan limit)
    {
        var deadline = Clock.Now + limit;
        for (int round = 0; !condition(); round++)
        {
            if (round > 10_000_000)
            {
                throw new InvalidOperationException($"The condition did not hold after {round} rounds at {Clock.Now}.");
            }

            if (PumpAll())
            {
                continue;
            }

            if (Clock.Loop.ReadyCount > 0)
            {
                Clock.Advance(TimeSpan.Zero);
                continue;
            }

            if (!Clock.Loop.TryGetNextDueTime(out var next))
            {
                throw new InvalidOperationException($"Stuck at {Clock.Now}: no bytes move and nothing is scheduled.");
            }

            if (next > deadline)
            {
                throw new TimeoutException($"The condition still did not hold after {limit} of virtual time; the next call is due at {next}.");
            }

            Clock.AdvanceToNextEvent();
        }
    }

    private bool PumpAll()
    {
        bool moved = false;
        for (int i = 0; i < _pumps.Count; i++)
        {
            if (!_partitioned.Contains(_pumps[i]))
            {
                moved |= _pumps[i].Pump();
            }
        }

        return moved;
    }
}
