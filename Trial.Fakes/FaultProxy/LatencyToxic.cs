using Trial.Randomness;

namespace Trial.Fakes.FaultProxy;

/// <summary>Delays every chunk by <see cref="Latency"/>, plus or minus up to <see cref="Jitter"/>; order is kept.</summary>
public sealed class LatencyToxic : ToxicOptions
{
    private TimeSpan _latency;
    private TimeSpan _jitter;

    /// <summary>Gets or sets the delay added to each chunk.</summary>
    /// <value>The default is zero.</value>
    public TimeSpan Latency { get => _latency; set => _latency = NotNegative(value, nameof(Latency)); }

    /// <summary>Gets or sets the largest random change to the delay, either way (drawn uniformly per chunk).</summary>
    /// <value>The default is zero.</value>
    public TimeSpan Jitter { get => _jitter; set => _jitter = NotNegative(value, nameof(Jitter)); }

    internal override string Kind => "latency";

    internal override ToxicStage CreateStage(ToxicLink link, IRandomSource random) => new LatencyStage(link, this, random);

    private sealed class LatencyStage(ToxicLink link, LatencyToxic options, IRandomSource random) : ScheduledStage(link)
    {
        public override void Push(byte[] data) => Enqueue(data, Math.Max(Link.Now + Delay(), LastDue));

        public override void PushClose() => EnqueueClose(Math.Max(Link.Now + Delay(), LastDue));

        private long Delay()
        {
            long jitter = options.Jitter.Ticks;
            long delay = options.Latency.Ticks + (jitter == 0 ? 0 : (long)((random.NextDouble() * 2 - 1) * jitter));
            return Math.Max(0, delay);
        }
    }
}
