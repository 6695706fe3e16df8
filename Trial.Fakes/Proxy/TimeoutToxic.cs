using Trial.Randomness;

namespace Trial.Fakes.Proxy;

/// <summary>
/// Stops all data (every chunk is dropped) and closes the connection after <see cref="Timeout"/>: toxiproxy's
/// <c>timeout</c>. With a zero timeout data is dropped until the toxic is removed; as in toxiproxy, removing it
/// closes the connection, and a close from the source passes through at once.
/// </summary>
public sealed class TimeoutToxic : Toxic
{
    private readonly TimeSpan _timeout;

    /// <summary>Gets how long after the toxic takes hold of a connection that connection is closed; zero for never.</summary>
    /// <value>The default is zero.</value>
    public TimeSpan Timeout { get => _timeout; init => _timeout = NotNegative(value, nameof(Timeout)); }

    internal override string Kind => "timeout";

    internal override ToxicStage CreateStage(ToxicLink link, IRandomSource random) => new TimeoutStage(link, Timeout);

    private sealed class TimeoutStage : ScheduledStage
    {
        private bool _closed;

        public TimeoutStage(ToxicLink link, TimeSpan timeout)
            : base(link)
        {
            if (timeout > TimeSpan.Zero)
            {
                AddTimer(timeout, PushClose);
            }
        }

        public override void Push(byte[] data)
        {
        }

        // Closing the destination ends the other direction too, once what it holds has gone through.
        public override void PushClose()
        {
            if (!_closed)
            {
                _closed = true;
                Link.EmitClose(this);
            }
        }

        public override void Drain()
        {
            base.Drain();
            PushClose();
        }
    }
}
