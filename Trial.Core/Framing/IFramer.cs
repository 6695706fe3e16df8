namespace Trial.Framing;

/// <summary>
/// One framing (lines, length prefixes, netstrings) apart from any I/O: shown the unparsed bytes, it says whether
/// a whole message is at their front. It never copies or keeps bytes; <see cref="FrameAssembler"/> does the
/// buffering, for the protocol receivers and the async readers alike.
/// </summary>
/// <remarks>
/// Implementations are structs so that the generic callers are specialized for each framing and the calls
/// inline. A decision depends only on the bytes shown: <see cref="FrameStatus.Invalid"/> for some bytes means
/// invalid for every continuation of them, so deciding early on part of the input decides as Twisted does on all
/// of it.
/// </remarks>
internal interface IFramer
{
    /// <summary>Looks for a whole message at the front of <paramref name="buffered"/>.</summary>
    /// <param name="buffered">Every unparsed byte, or a prefix of them when the rest is not at hand.</param>
    /// <param name="frame">Where the message is (on <see cref="FrameStatus.Complete"/>), or how many bytes a bad one used (on <see cref="FrameStatus.Invalid"/>).</param>
    FrameStatus Read(ReadOnlySpan<byte> buffered, out Frame frame);

    /// <summary>
    /// After <see cref="Read"/> answered <see cref="FrameStatus.NeedMore"/> for <paramref name="buffered"/>, says how
    /// many bytes from the front of <paramref name="more"/> to append so that the next <see cref="Read"/> decides as it
    /// would with all of <paramref name="more"/>: up to the end of the message, or all of them.
    /// </summary>
    /// <returns>From 1 to <c>more.Length</c> (when <paramref name="more"/> is not empty).</returns>
    int Needed(ReadOnlySpan<byte> buffered, ReadOnlySpan<byte> more);

    /// <summary>Describes the last <see cref="FrameStatus.Invalid"/> as the exception the async readers throw.</summary>
    Exception Failure();
}
