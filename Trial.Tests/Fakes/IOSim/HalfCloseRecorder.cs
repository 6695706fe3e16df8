using Trial.Protocols;

namespace Trial.Tests.Fakes.IOSim;

/// <summary>An <see cref="EventRecorder"/> that also takes half-close events.</summary>
internal sealed class HalfCloseRecorder : EventRecorder, IHalfCloseableProtocol
{
    public void ReadConnectionLost() => Events.Add("read-closed");

    public void WriteConnectionLost() => Events.Add("write-closed");
}
