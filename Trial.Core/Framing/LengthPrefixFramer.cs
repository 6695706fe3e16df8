using System.Buffers.Binary;
using System.Globalization;

namespace Trial.Framing;

/// <summary>
/// Length-prefix framing as Twisted's <c>IntNStringReceiver</c> does it: an unsigned big-endian length of
/// <see cref="PrefixLength"/> bytes, then that many bytes. A length over <see cref="MaxLength"/>, or more than an
/// array can hold, is invalid.
/// </summary>
internal struct LengthPrefixFramer : IFramer
{
    public LengthPrefixFramer(int prefixLength, int maxLength)
    {
        if (prefixLength is not (1 or 2 or 4))
        {
            throw new ArgumentOutOfRangeException(nameof(prefixLength), prefixLength, "A length prefix is 1, 2 or 4 bytes long.");
        }

        PrefixLength = prefixLength;
        MaxLength = maxLength;
    }

    public int PrefixLength { get; }

    public int MaxLength { get; set; }

    /// <summary>Gets the length announced by the last prefix found <see cref="FrameStatus.Invalid"/>.</summary>
    public long AnnouncedLength { get; private set; }

    /// <inheritdoc/>
    public FrameStatus Read(ReadOnlySpan<byte> buffered, out Frame frame)
    {
        frame = default;
        int prefixLength = PrefixLength;
        if (buffered.Length < prefixLength)
        {
            return FrameStatus.NeedMore;
        }

        long length = ReadPrefix(buffered);
        if (length > MaxLength || length > Array.MaxLength - prefixLength)
        {
            AnnouncedLength = length;
            return FrameStatus.Invalid;
        }

        if (buffered.Length - prefixLength < length)
        {
            return FrameStatus.NeedMore;
        }

        frame = new Frame(prefixLength, (int)length, prefixLength + (int)length);
        return FrameStatus.Complete;
    }

    /// <inheritdoc/>
    public readonly int Needed(ReadOnlySpan<byte> buffered, ReadOnlySpan<byte> more)
    {
        long needed = buffered.Length < PrefixLength ? PrefixLength - buffered.Length : PrefixLength + ReadPrefix(buffered) - buffered.Length;
        return (int)Math.Min(needed, more.Length);
    }

    /// <inheritdoc/>
    public readonly Exception Failure() => new MessageTooLongException(
        string.Create(CultureInfo.InvariantCulture, $"Received a {8 * PrefixLength}-bit length prefix announcing {AnnouncedLength} bytes, over the maximum of {Math.Min(MaxLength, Array.MaxLength - PrefixLength)}."),
        AnnouncedLength,
        MaxLength);

    private readonly long ReadPrefix(ReadOnlySpan<byte> data) => PrefixLength switch
    {
        1 => data[0],
        2 => BinaryPrimitives.ReadUInt16BigEndian(data),
        _ => BinaryPrimitives.ReadUInt32BigEndian(data),
    };
}
