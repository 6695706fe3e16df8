using Trial.Randomness;

namespace Trial.Fakes.FaultProxy;

/// <summary>Lets data through but delays passing on the close by <see cref="Delay"/>.</summary>
public sealed class SlowCloseToxic : ToxicOptions
{
    private TimeSpan _delay;

    /// <summary>Gets or sets how long the close is held.</summary>
    /// <value>The default is zero.</value>
    public TimeSpan Delay { get => _delay; set => _delay = NotNegative(value, nameof(Delay)); }

    internal override string Kind => "slow_close";

    internal override ToxicStage CreateStage(ToxicLink link, IRandomSource random) => new SlowCloseStage(link, Delay);

    private sealed class SlowCloseStage(ToxicLink link, TimeSpan delay) : ScheduledStage(link)
    {
        public override void Push(byte[] data) => Enqueue(data, Math.Max(Link.Now, LastDue));

        public override void PushClose() => EnqueueClose(Math.Max(Link.Now + delay.Ticks, LastDue));
    }
}
