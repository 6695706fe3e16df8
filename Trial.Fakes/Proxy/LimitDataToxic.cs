using Trial.Randomness;

namespace Trial.Fakes.Proxy;

/// <summary>
/// Passes the first <see cref="Bytes"/> bytes of the direction, then closes the connection: toxiproxy's
/// <c>limit_data</c>. The close is clean and goes on through the toxics after this one. As there, the count starts when the toxic takes hold, and the close comes as soon as the
/// limit is reached; with a limit of zero, the first chunk closes the connection and none of it passes.
/// </summary>
public sealed class LimitDataToxic : Toxic
{
    private readonly long _bytes;

    /// <summary>Gets how many bytes get through before the close.</summary>
    /// <value>The default is 0: the first chunk closes the connection.</value>
    public long Bytes { get => _bytes; init => _bytes = value >= 0 ? value : throw Invalid(nameof(Bytes), value, "must not be negative"); }

    internal override string Kind => "limit_data";

    internal override ToxicStage CreateStage(ToxicLink link, IRandomSource random) => new LimitStage(link, Bytes);

    private sealed class LimitStage(ToxicLink link, long limit) : ToxicStage(link)
    {
        private long _passed;
        private bool _closed;

        public override void Push(byte[] data)
        {
            if (_closed)
            {
                return;
            }

            long room = limit - _passed;
            if (room > 0)
            {
                var pass = data.Length <= room ? data : data.AsSpan(0, (int)room).ToArray();
                _passed += pass.Length;
                Link.Emit(this, pass);
            }

            if (_passed >= limit)
            {
                PushClose();
            }
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
        }
    }
}
