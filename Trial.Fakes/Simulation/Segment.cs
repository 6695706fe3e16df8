namespace Trial.Fakes.Simulation;

/// <summary>A stream segment in flight: the bytes up to <see cref="End"/> since the previous segment, and when it arrives.</summary>
/// <param name="End">The stream offset just past its last byte.</param>
/// <param name="Arrival">When it arrives, in ticks.</param>
/// <param name="Flags">Whether it carries a FIN or is an RST.</param>
internal readonly record struct Segment(long End, long Arrival, SegmentFlags Flags);

/// <summary>The control bits of a <see cref="Segment"/>.</summary>
[Flags]
internal enum SegmentFlags : byte
{
    /// <summary>Data only.</summary>
    None = 0,

    /// <summary>The sender's last byte: the end of its stream.</summary>
    Fin = 1,

    /// <summary>A reset.</summary>
    Rst = 2,
}
