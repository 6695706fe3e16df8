using Trial.Randomness;

namespace Trial.Fakes.Proxy;

/// <summary>
/// Resets the connection (both ends see "connection reset by peer") <see cref="Timeout"/> after the first chunk or
/// close reaches the toxic: toxiproxy's <c>reset_peer</c>. As there, that chunk and every later one are dropped,
/// and an idle connection is left alone.
/// </summary>
public sealed class ResetPeerToxic : Toxic
{
    private readonly TimeSpan _timeout;

    /// <summary>Gets how long after the first chunk the connection is reset; zero for at once.</summary>
    /// <value>The default is zero.</value>
    public TimeSpan Timeout { get => _timeout; init => _timeout = NotNegative(value, nameof(Timeout)); }

    internal override string Kind => "reset_peer";

    internal override ToxicStage CreateStage(ToxicLink link, IRandomSource random) => new ResetStage(link, Timeout);

    private sealed class ResetStage(ToxicLink link, TimeSpan timeout) : ScheduledStage(link)
    {
        private bool _triggered;

        public override void Push(byte[] data) => Trigger();

        public override void PushClose() => Trigger();

        private void Trigger()
        {
            if (!_triggered)
            {
                _triggered = true;
                AddTimer(timeout, Link.ResetBoth);
            }
        }
    }
}
