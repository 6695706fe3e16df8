namespace Trial.Framing;

/// <summary>Where a framer found a message, counted from the front of the bytes it was shown.</summary>
/// <param name="Start">Where the message starts (after a prefix or a length specification).</param>
/// <param name="Length">How long the message is.</param>
/// <param name="End">Where the frame ends (after a delimiter or a comma): how many bytes it uses up.</param>
internal readonly record struct Frame(int Start, int Length, int End);
