using System.Buffers;

namespace Trial.Fakes.IOSim;

/// <summary>
/// A pooled array shared by the segments that refer to it. Bytes below <see cref="Length"/> never change while
/// anything refers to the block, so a segment can be handed on without copying; the array goes back to the pool
/// when the last reference is released.
/// </summary>
internal sealed class BufferBlock
{
    private BufferBlock(byte[] data) => Data = data;

    /// <summary>Gets the array; empty once the block went back to the pool.</summary>
    internal byte[] Data { get; private set; }

    /// <summary>Gets or sets how many bytes at the start of <see cref="Data"/> hold written data.</summary>
    internal int Length { get; set; }

    /// <summary>Gets or sets the number of references: the owner's tail role, queued segments, and deliveries in flight.</summary>
    internal int Refs { get; set; }

    /// <summary>Gets a block of at least <paramref name="minimumSize"/> bytes with one reference.</summary>
    internal static BufferBlock Rent(int minimumSize) => new(ArrayPool<byte>.Shared.Rent(minimumSize)) { Refs = 1 };

    /// <summary>Drops one reference, returning the array to the pool when it was the last.</summary>
    internal void Release()
    {
        if (--Refs == 0)
        {
            ArrayPool<byte>.Shared.Return(Data);
            Data = [];
            Length = 0;
        }
    }
}
