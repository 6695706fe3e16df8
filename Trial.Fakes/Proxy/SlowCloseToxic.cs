using Trial.Randomness;

namespace Trial.Fakes.Proxy;

/// <summary>Lets data through but holds the close for <see cref="Delay"/>: toxiproxy's <c>slow_close</c>.</summary>
public sealed class SlowCloseToxic : Toxic
{
    private readonly TimeSpan _delay;

    /// <summary>Gets how long the close is held, counted from when it reaches the toxic.</summary>
    /// <value>The default is zero.</value>
    public TimeSpan Delay { get => _delay; init => _delay = NotNegative(value, nameof(Delay)); }

    internal override string Kind => "slow_close";

    internal override ToxicStage CreateStage(ToxicLink link, IRandomSource random) => new SlowCloseStage(link, Delay);

    private sealed class SlowCloseStage(ToxicLink link, TimeSpan delay) : ScheduledStage(link)
    {
        public override void Push(byte[] data) => Enqueue(data, Math.Max(Link.Now, LastDue));

        public override void PushClose() => EnqueueClose(Math.Max(Link.Now + delay.Ticks, LastDue));
    }
}
