namespace Trial.Fakes.Proxy;

/// <summary>One toxic's state on one direction of one proxied connection: bytes and the close pass through it in order.</summary>
internal abstract class ToxicStage(ToxicLink link)
{
    protected ToxicLink Link { get; } = link;

    /// <summary>Takes a chunk from the stage before (or the source).</summary>
    public abstract void Push(byte[] data);

    /// <summary>Takes the source's clean close, which must stay behind every chunk pushed before it.</summary>
    public abstract void PushClose();

    /// <summary>The toxic is being removed: pass on everything held, in order, now.</summary>
    public abstract void Drain();

    /// <summary>The connection is gone: cancel timers and drop what is held.</summary>
    public virtual void Dispose()
    {
    }
}
