namespace Trial.Framing;

/// <summary>What a framer found at the front of the bytes it was shown.</summary>
internal enum FrameStatus
{
    /// <summary>A whole message is there; its <see cref="Frame"/> says where.</summary>
    Complete,

    /// <summary>The bytes are the start of a message, which needs more bytes.</summary>
    NeedMore,

    /// <summary>
    /// The bytes break the framing (too long, malformed); no byte that follows can repair it. The frame's
    /// <see cref="Frame.End"/> says how many bytes the bad message used up (usually none).
    /// </summary>
    Invalid,
}
