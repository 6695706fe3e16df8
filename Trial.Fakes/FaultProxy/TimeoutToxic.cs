using Trial.Randomness;

namespace Trial.Fakes.FaultProxy;

/// <summary>
/// Holds every byte (nothing gets through) and closes the connection after <see cref="Timeout"/>; with a zero
/// timeout it never closes, and removing the toxic releases what it held.
/// </summary>
public sealed class TimeoutToxic : ToxicOptions
{
    private TimeSpan _timeout;

    /// <summary>Gets or sets how long after the toxic takes hold the connection is closed; zero for never.</summary>
    /// <value>The default is zero.</value>
    public TimeSpan Timeout { get => _timeout; set => _timeout = NotNegative(value, nameof(Timeout)); }

    internal override string Kind => "timeout";

    internal override ToxicStage CreateStage(ToxicLink link, IRandomSource random) => new TimeoutStage(link, Timeout);

    private sealed class TimeoutStage : ScheduledStage
    {
        public TimeoutStage(ToxicLink link, TimeSpan timeout)
            : base(link)
        {
            if (timeout > TimeSpan.Zero)
            {
                AddTimer(timeout, link.CloseBoth);
            }
        }

        public override void Push(byte[] data) => Enqueue(data, long.MaxValue);

        public override void PushClose() => EnqueueClose(long.MaxValue);
    }
}
