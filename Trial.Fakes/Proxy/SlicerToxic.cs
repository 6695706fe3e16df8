using Trial.Randomness;

namespace Trial.Fakes.Proxy;

/// <summary>
/// Cuts each chunk into slices of about <see cref="AverageSize"/> bytes, sent <see cref="Delay"/> apart:
/// toxiproxy's <c>slicer</c>. As there, a chunk is halved (the cut moved by up to <see cref="SizeVariation"/>
/// either way) until each piece is at most <c>AverageSize + SizeVariation</c> bytes long, and the next chunk
/// starts <see cref="Delay"/> after the last slice of the one before.
/// </summary>
public sealed class SlicerToxic : Toxic
{
    private readonly int _averageSize = 64;
    private readonly int _sizeVariation;
    private readonly TimeSpan _delay;

    /// <summary>Gets the average slice size in bytes.</summary>
    /// <value>The default is 64.</value>
    public int AverageSize { get => _averageSize; init => _averageSize = value > 0 ? value : throw Invalid(nameof(AverageSize), value, "must be positive"); }

    /// <summary>Gets how far a cut may stray from the middle, either way; less than <see cref="AverageSize"/>.</summary>
    /// <value>The default is 0.</value>
    public int SizeVariation { get => _sizeVariation; init => _sizeVariation = value >= 0 ? value : throw Invalid(nameof(SizeVariation), value, "must not be negative"); }

    /// <summary>Gets the pause after each slice.</summary>
    /// <value>The default is zero: the slices leave together, as separate writes.</value>
    public TimeSpan Delay { get => _delay; init => _delay = NotNegative(value, nameof(Delay)); }

    internal override string Kind => "slicer";

    internal override void Validate()
    {
        if (SizeVariation >= AverageSize)
        {
            throw Invalid(nameof(SizeVariation), SizeVariation, $"must be less than AverageSize ({AverageSize})");
        }
    }

    /// <summary>Appends the ends of the slices of <c>[0, length)</c> to <paramref name="ends"/>, in order: toxiproxy's <c>chunk</c>, without recursion.</summary>
    internal static void Cut(int length, int averageSize, int sizeVariation, IRandomSource random, List<int> ends)
    {
        // Ranges still to cut, the leftmost on top; each cut pushes its right half, then its left half.
        var pending = new Stack<(int Start, int End)>();
        pending.Push((0, length));
        while (pending.TryPop(out var range))
        {
            if (range.End - range.Start - averageSize <= sizeVariation)
            {
                ends.Add(range.End);
                continue;
            }

            int middle = range.Start + (range.End - range.Start) / 2;
            if (sizeVariation > 0)
            {
                middle += random.Next(-sizeVariation, sizeVariation);
            }

            pending.Push((middle, range.End));
            pending.Push((range.Start, middle));
        }
    }

    internal override ToxicStage CreateStage(ToxicLink link, IRandomSource random) => new SlicerStage(link, this, random);

    private sealed class SlicerStage(ToxicLink link, SlicerToxic toxic, IRandomSource random) : ScheduledStage(link)
    {
        private readonly List<int> _ends = [];

        // When the next slice may leave: the delay after the last slice holds back the next chunk too.
        private long _free;

        public override void Push(byte[] data)
        {
            _ends.Clear();
            Cut(data.Length, toxic.AverageSize, toxic.SizeVariation, random, _ends);
            long due = Math.Max(Link.Now, _free);
            int start = 0;
            foreach (int end in _ends)
            {
                Enqueue(start == 0 && end == data.Length ? data : data.AsSpan(start, end - start).ToArray(), due);
                start = end;
                due += toxic.Delay.Ticks;
            }

            _free = due;
        }

        public override void PushClose() => EnqueueClose(Math.Max(Link.Now, Math.Max(_free, LastDue)));
    }
}
