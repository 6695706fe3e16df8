using Trial.Randomness;

namespace Trial.Fakes.FaultProxy;

/// <summary>Cuts each chunk into slices of about <see cref="AverageSize"/> bytes, sent <see cref="Delay"/> apart.</summary>
public sealed class SlicerToxic : ToxicOptions
{
    private int _averageSize = 64;
    private int _sizeVariation;
    private TimeSpan _delay;

    /// <summary>Gets or sets the average slice size in bytes.</summary>
    /// <value>The default is 64.</value>
    public int AverageSize { get => _averageSize; set => _averageSize = value > 0 ? value : throw Invalid(nameof(AverageSize), value, "must be positive"); }

    /// <summary>Gets or sets how far a slice's size may stray from the average, either way; less than <see cref="AverageSize"/>.</summary>
    /// <value>The default is 0.</value>
    public int SizeVariation { get => _sizeVariation; set => _sizeVariation = value >= 0 ? value : throw Invalid(nameof(SizeVariation), value, "must not be negative"); }

    /// <summary>Gets or sets the pause between slices.</summary>
    /// <value>The default is zero (slices still leave as separate writes).</value>
    public TimeSpan Delay { get => _delay; set => _delay = NotNegative(value, nameof(Delay)); }

    internal override string Kind => "slicer";

    internal override void Validate()
    {
        if (SizeVariation >= AverageSize)
        {
            throw Invalid(nameof(SizeVariation), SizeVariation, $"must be less than AverageSize ({AverageSize})");
        }
    }

    internal override ToxicStage CreateStage(ToxicLink link, IRandomSource random) => new SlicerStage(link, this, random);

    private sealed class SlicerStage(ToxicLink link, SlicerToxic options, IRandomSource random) : ScheduledStage(link)
    {
        public override void Push(byte[] data)
        {
            long due = Math.Max(Link.Now, LastDue);
            for (int offset = 0; offset < data.Length;)
            {
                int size = options.AverageSize + (options.SizeVariation == 0 ? 0 : random.Next(-options.SizeVariation, options.SizeVariation + 1));
                int n = Math.Min(size, data.Length - offset);
                Enqueue(data.AsSpan(offset, n).ToArray(), due);
                offset += n;
                due += Math.Max(options.Delay.Ticks, 1);
            }
        }

        public override void PushClose() => EnqueueClose(Math.Max(Link.Now, LastDue));
    }
}
