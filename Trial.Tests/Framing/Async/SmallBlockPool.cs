using System.Buffers;

namespace Trial.Tests.Framing.Async;

/// <summary>A memory pool whose blocks hold a few bytes, so a <see cref="System.IO.Pipelines.Pipe"/> over it splits what it holds into many segments.</summary>
internal sealed class SmallBlockPool(int blockSize) : MemoryPool<byte>
{
    public override int MaxBufferSize => blockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1) => new Block(new byte[blockSize]);

    protected override void Dispose(bool disposing)
    {
    }

    private sealed class Block(byte[] array) : IMemoryOwner<byte>
    {
        public Memory<byte> Memory => array;

        public void Dispose()
        {
        }
    }
}
