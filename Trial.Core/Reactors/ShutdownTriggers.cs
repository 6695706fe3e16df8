using Trial.Deferreds;

namespace Trial.Reactors;

/// <summary>
/// The shutdown triggers of a reactor, run phase by phase: <see cref="ShutdownPhase.Before"/> triggers first,
/// waiting for the deferreds they return, then <see cref="ShutdownPhase.During"/>, then
/// <see cref="ShutdownPhase.After"/>. A trigger that throws or whose deferred fails is reported to the error
/// sink and does not stop the shutdown. Single-threaded: use it on the reactor's thread.
/// </summary>
internal sealed class ShutdownTriggers
{
    private readonly List<Registration>[] _phases = [[], [], []];
    private readonly Action<string, Exception> _reportError;

    /// <param name="reportError">Receives a description and the error of each failing trigger.</param>
    internal ShutdownTriggers(Action<string, Exception> reportError) => _reportError = reportError;

    /// <summary>Gets a value indicating whether <see cref="Run"/> has started.</summary>
    internal bool Started { get; private set; }

    /// <summary>Gets the registered triggers of a phase, in registration order.</summary>
    internal IReadOnlyList<Func<Deferred?>> Triggers(ShutdownPhase phase) => _phases[(int)phase].ConvertAll(r => r.Trigger);

    internal IDisposable Add(ShutdownPhase phase, Func<Deferred?> trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        if (!Enum.IsDefined(phase))
        {
            throw new ArgumentOutOfRangeException(nameof(phase), phase, $"Unknown shutdown phase {phase}.");
        }

        var registration = new Registration(this, phase, trigger);
        _phases[(int)phase].Add(registration);
        return registration;
    }

    /// <summary>Runs every phase, then <paramref name="done"/>; runs nothing the second time.</summary>
    internal void Run(Action done)
    {
        if (Started)
        {
            return;
        }

        Started = true;
        int outstanding = 1;
        void Settle()
        {
            if (--outstanding == 0)
            {
                RunPhase(ShutdownPhase.During);
                RunPhase(ShutdownPhase.After);
                done();
            }
        }

        foreach (var deferred in RunPhase(ShutdownPhase.Before))
        {
            outstanding++;
            deferred.AddBoth(result =>
            {
                if (result is Failure failure)
                {
                    _reportError("A shutdown trigger's deferred failed", failure.Exception);
                }

                Settle();
                return null;
            });
        }

        Settle();
    }

    private List<Deferred> RunPhase(ShutdownPhase phase)
    {
        var waits = new List<Deferred>();
        foreach (var registration in _phases[(int)phase].ToArray())
        {
            try
            {
                if (registration.Trigger() is { } deferred)
                {
                    waits.Add(deferred);
                }
            }
            catch (Exception ex)
            {
                _reportError($"A {phase} shutdown trigger threw", ex);
            }
        }

        return waits;
    }

    private sealed class Registration(ShutdownTriggers owner, ShutdownPhase phase, Func<Deferred?> trigger) : IDisposable
    {
        public Func<Deferred?> Trigger { get; } = trigger;

        public void Dispose() => owner._phases[(int)phase].Remove(this);
    }
}
