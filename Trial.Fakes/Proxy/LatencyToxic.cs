using Trial.Randomness;

namespace Trial.Fakes.Proxy;

/// <summary>
/// Delays every chunk by <see cref="Latency"/>, plus or minus up to <see cref="Jitter"/>, keeping their order:
/// toxiproxy's <c>latency</c>. As there, a close is not delayed itself: it follows the last chunk at once.
/// </summary>
public sealed class LatencyToxic : Toxic
{
    private readonly TimeSpan _latency;
    private readonly TimeSpan _jitter;

    /// <summary>Gets the delay added to each chunk, counted from when the chunk reaches the toxic.</summary>
    /// <value>The default is zero.</value>
    public TimeSpan Latency { get => _latency; init => _latency = NotNegative(value, nameof(Latency)); }

    /// <summary>Gets the largest random change to the delay, either way (drawn uniformly per chunk; a delay never goes below zero).</summary>
    /// <value>The default is zero.</value>
    public TimeSpan Jitter { get => _jitter; init => _jitter = NotNegative(value, nameof(Jitter)); }

    internal override string Kind => "latency";

    internal override ToxicStage CreateStage(ToxicLink link, IRandomSource random) => new LatencyStage(link, this, random);

    private sealed class LatencyStage(ToxicLink link, LatencyToxic toxic, IRandomSource random) : ScheduledStage(link)
    {
        public override void Push(byte[] data) => Enqueue(data, Math.Max(Link.Now + Delay(), LastDue));

        public override void PushClose() => EnqueueClose(Math.Max(Link.Now, LastDue));

        private long Delay()
        {
            long jitter = toxic.Jitter.Ticks;
            long delay = toxic.Latency.Ticks + (jitter == 0 ? 0 : (long)((random.NextDouble() * 2 - 1) * jitter));
            return Math.Max(0, delay);
        }
    }
}
