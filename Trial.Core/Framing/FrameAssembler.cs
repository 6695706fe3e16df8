namespace Trial.Framing;

/// <summary>
/// Assembles messages from the bytes kept from earlier reads (a <see cref="ByteBuffer"/>) and the next contiguous
/// chunk, copying only what a message split across them needs. The protocol receivers and the async readers both
/// parse through it, so each framing is buffered the same way wherever its bytes come from.
/// </summary>
internal static class FrameAssembler
{
    /// <summary>Finds the next message in <paramref name="held"/> followed by <paramref name="chunk"/>.</summary>
    /// <param name="framer">The framing.</param>
    /// <param name="held">Bytes kept from before, in front of the chunk; the chunk's bytes are appended to it as needed.</param>
    /// <param name="chunk">The next bytes; they are not kept.</param>
    /// <param name="used">How many bytes of <paramref name="chunk"/> were used up (appended to <paramref name="held"/> or parsed).</param>
    /// <param name="frame">On <see cref="FrameStatus.Complete"/>, where the message is: in <paramref name="chunk"/> when <paramref name="heldBytes"/> is empty, else in <paramref name="heldBytes"/>.</param>
    /// <param name="heldBytes">
    /// The held bytes the message was found in, before they were consumed; empty when the message lies in the
    /// chunk. They stay intact until <paramref name="held"/> is next appended to.
    /// </param>
    /// <returns>
    /// What was found. On <see cref="FrameStatus.NeedMore"/> the whole chunk is used (appended to
    /// <paramref name="held"/>); on <see cref="FrameStatus.Invalid"/> the bad frame's bytes are consumed.
    /// </returns>
    public static FrameStatus Next<TFramer>(ref TFramer framer, ByteBuffer held, ReadOnlySpan<byte> chunk, out int used, out Frame frame, out ReadOnlyMemory<byte> heldBytes)
        where TFramer : struct, IFramer
    {
        heldBytes = default;
        FrameStatus status;
        if (held.Length == 0)
        {
            status = framer.Read(chunk, out frame);
            if (status == FrameStatus.NeedMore)
            {
                held.Append(chunk);
                used = chunk.Length;
            }
            else
            {
                used = frame.End;
            }

            return status;
        }

        used = 0;
        while (true)
        {
            status = framer.Read(held.Span, out frame);
            if (status != FrameStatus.NeedMore || used == chunk.Length)
            {
                break;
            }

            int take = framer.Needed(held.Span, chunk[used..]);
            held.Append(chunk.Slice(used, take));
            used += take;
        }

        if (status == FrameStatus.Complete)
        {
            heldBytes = held.Memory;
        }

        if (status != FrameStatus.NeedMore)
        {
            held.Advance(frame.End);
        }

        return status;
    }
}
