using Trial.Randomness;

namespace Trial.Fakes.FaultProxy;

/// <summary>Resets both ends of the connection (they see "connection reset by peer") after <see cref="Timeout"/>; data flows until then.</summary>
public sealed class ResetPeerToxic : ToxicOptions
{
    private TimeSpan _timeout;

    /// <summary>Gets or sets how long after the toxic takes hold the connection is reset; zero for at once.</summary>
    /// <value>The default is zero.</value>
    public TimeSpan Timeout { get => _timeout; set => _timeout = NotNegative(value, nameof(Timeout)); }

    internal override string Kind => "reset_peer";

    internal override ToxicStage CreateStage(ToxicLink link, IRandomSource random) => new ResetStage(link, Timeout);

    private sealed class ResetStage : ScheduledStage
    {
        public ResetStage(ToxicLink link, TimeSpan timeout)
            : base(link) => AddTimer(timeout, link.ResetBoth);

        public override void Push(byte[] data) => Enqueue(data, Math.Max(Link.Now, LastDue));

        public override void PushClose() => EnqueueClose(Math.Max(Link.Now, LastDue));
    }
}
