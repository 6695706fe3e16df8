using Trial.Transports;

namespace Examples.Chat;

/// <summary>
/// Registered as a connection's producer, it hears when the connection's write buffer is over its high water mark
/// (paused) and when it has drained (resumed), so the room can skip a member that reads too slowly.
/// </summary>
internal sealed class OutputThrottle(Action resumed) : IPushProducer
{
    public bool Paused { get; private set; }

    public void PauseProducing() => Paused = true;

    public void ResumeProducing()
    {
        Paused = false;
        resumed();
    }

    public void StopProducing() => Paused = true;
}
