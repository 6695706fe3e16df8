using Trial.Randomness;

namespace Trial.Fakes.Proxy;

/// <summary>
/// Limits the direction to <see cref="KilobytesPerSecond"/> (1 KB = 1,000 bytes): toxiproxy's <c>bandwidth</c>.
/// A chunk leaves when the line would have finished sending it; one bigger than 100 ms of the rate leaves in
/// pieces of 100 ms each, back to back, so late timers never lower the rate.
/// </summary>
public sealed class BandwidthToxic : Toxic
{
    private readonly double _rate = 1000;

    /// <summary>Gets the rate in kilobytes (1,000 bytes) per second; zero for no limit, as in toxiproxy.</summary>
    /// <value>The default is 1,000 KB/s.</value>
    public double KilobytesPerSecond
    {
        get => _rate;
        init => _rate = value >= 0 && double.IsFinite(value) ? value : throw Invalid(nameof(KilobytesPerSecond), value, "must be a finite number, zero or more");
    }

    internal override string Kind => "bandwidth";

    internal override ToxicStage CreateStage(ToxicLink link, IRandomSource random) => new BandwidthStage(link, KilobytesPerSecond * 1000);

    private sealed class BandwidthStage(ToxicLink link, double bytesPerSecond) : ScheduledStage(link)
    {
        private readonly int _piece = (int)Math.Clamp(bytesPerSecond / 10, 1, int.MaxValue);

        // When the line is free again, in ticks; pieces are placed back to back on this schedule.
        private long _free;

        public override void Push(byte[] data)
        {
            if (bytesPerSecond == 0)
            {
                Enqueue(data, Math.Max(Link.Now, LastDue));
                return;
            }

            _free = Math.Max(_free, Link.Now);
            if (data.Length <= _piece)
            {
                _free += Ticks(data.Length);
                Enqueue(data, _free);
                return;
            }

            for (int offset = 0; offset < data.Length; offset += _piece)
            {
                int n = Math.Min(_piece, data.Length - offset);
                _free += Ticks(n);
                Enqueue(data.AsSpan(offset, n).ToArray(), _free);
            }
        }

        public override void PushClose() => EnqueueClose(Math.Max(Math.Max(_free, LastDue), Link.Now));

        private long Ticks(int bytes) => (long)Math.Ceiling(bytes * TimeSpan.TicksPerSecond / bytesPerSecond);
    }
}
