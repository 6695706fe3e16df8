using Trial.Randomness;

namespace Trial.Fakes.FaultProxy;

/// <summary>Limits the direction to <see cref="KilobytesPerSecond"/> (1 KB = 1,000 bytes), delivering in slices of 10 ms.</summary>
public sealed class BandwidthToxic : ToxicOptions
{
    private double _rate = 1000;

    /// <summary>Gets or sets the rate in kilobytes (1,000 bytes) per second.</summary>
    /// <value>The default is 1,000 KB/s.</value>
    public double KilobytesPerSecond { get => _rate; set => _rate = value > 0 ? value : throw Invalid(nameof(KilobytesPerSecond), value, "must be positive"); }

    internal override string Kind => "bandwidth";

    internal override ToxicStage CreateStage(ToxicLink link, IRandomSource random) => new BandwidthStage(link, KilobytesPerSecond * 1000);

    private sealed class BandwidthStage(ToxicLink link, double bytesPerSecond) : ScheduledStage(link)
    {
        private readonly int _slice = (int)Math.Max(1, bytesPerSecond / 100);

        // When the line is free again, in ticks; slices are placed back to back on this schedule, so timer
        // lateness never accumulates into the rate.
        private long _free;

        public override void Push(byte[] data)
        {
            for (int offset = 0; offset < data.Length; offset += _slice)
            {
                int n = Math.Min(_slice, data.Length - offset);
                _free = Math.Max(_free, Link.Now) + (long)(n * TimeSpan.TicksPerSecond / bytesPerSecond);
                Enqueue(data.AsSpan(offset, n).ToArray(), _free);
            }
        }

        public override void PushClose() => EnqueueClose(Math.Max(_free, Link.Now));
    }
}
