using Trial.Transports;

namespace Trial.Tests.Fakes.IOSim;

/// <summary>A push producer that produces nothing but throws on any state change its state does not allow (Twisted's StrictPushProducer).</summary>
internal sealed class StrictPushProducer : IPushProducer
{
    public string State { get; private set; } = "running";

    public int Pauses { get; private set; }

    public int Resumes { get; private set; }

    public void StopProducing()
    {
        if (State == "stopped")
        {
            throw new InvalidOperationException("Cannot stop an already-stopped producer.");
        }

        State = "stopped";
    }

    public void PauseProducing()
    {
        if (State != "running")
        {
            throw new InvalidOperationException($"Cannot pause a {State} producer.");
        }

        State = "paused";
        Pauses++;
    }

    public void ResumeProducing()
    {
        if (State != "paused")
        {
            throw new InvalidOperationException($"Cannot resume a {State} producer.");
        }

        State = "running";
        Resumes++;
    }
}
