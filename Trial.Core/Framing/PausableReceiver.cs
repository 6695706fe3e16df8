using Trial.Protocols;
using Trial.Transports;

namespace Trial.Framing;

/// <summary>
/// The part <see cref="LineReceiver"/> and <see cref="IntNStringReceiver"/> share: they buffer what they have not
/// delivered, and as push producers they hold back delivery while paused (Twisted's <c>_PauseableMixin</c>).
/// </summary>
public abstract class PausableReceiver : Protocol, IPushProducer
{
    private protected PausableReceiver()
    {
    }

    /// <summary>Gets a value indicating whether delivery is paused by <see cref="PauseProducing"/> or <see cref="StopProducing"/>.</summary>
    public bool Paused { get; private set; }

    private protected PendingInput Input { get; } = new();

    /// <inheritdoc/>
    /// <remarks>Overrides must call the base method, which parses the bytes.</remarks>
    public override void DataReceived(ReadOnlySpan<byte> data) => Input.Feed(data, this, static self => self.Parse());

    /// <summary>Stops delivering, including what is already buffered, and pauses the transport.</summary>
    public void PauseProducing()
    {
        Paused = true;
        Transport?.PauseProducing();
    }

    /// <summary>Resumes the transport and delivers what was held back while paused.</summary>
    public void ResumeProducing()
    {
        Paused = false;
        Transport?.ResumeProducing();
        DataReceived(default);
    }

    /// <summary>Stops delivering for good and tells the transport to stop producing.</summary>
    public void StopProducing()
    {
        Paused = true;
        Transport?.StopProducing();
    }

    /// <summary>Delivers what <see cref="Input"/> holds, until it runs out or delivery is paused.</summary>
    private protected abstract void Parse();
}
