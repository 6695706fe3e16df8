using Trial.Randomness;

namespace Trial.Fakes.FaultProxy;

/// <summary>Passes the first <see cref="Bytes"/> bytes of the direction, then closes the connection.</summary>
public sealed class LimitDataToxic : ToxicOptions
{
    private long _bytes;

    /// <summary>Gets or sets how many bytes get through before the close.</summary>
    /// <value>The default is 0.</value>
    public long Bytes { get => _bytes; set => _bytes = value >= 0 ? value : throw Invalid(nameof(Bytes), value, "must not be negative"); }

    internal override string Kind => "limit_data";

    internal override ToxicStage CreateStage(ToxicLink link, IRandomSource random) => new LimitStage(link, Bytes);

    private sealed class LimitStage(ToxicLink link, long limit) : ToxicStage(link)
    {
        private long _passed;

        public override void Push(byte[] data)
        {
            if (_passed >= limit)
            {
                return;
            }

            long room = limit - _passed;
            var pass = data.Length <= room ? data : data.AsSpan(0, (int)room).ToArray();
            _passed += pass.Length;
            Link.Emit(this, pass);
            if (_passed >= limit)
            {
                Link.CloseBoth();
            }
        }

        public override void PushClose() => Link.EmitClose(this);

        public override void Drain()
        {
        }
    }
}
