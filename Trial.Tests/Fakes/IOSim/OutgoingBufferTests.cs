using Trial.Fakes.IOSim;

namespace Trial.Tests.Fakes.IOSim;

public sealed class OutgoingBufferTests
{
    [Fact]
    public void SmallWrites_AreCopied_AndTakenInOneContiguousPiece()
    {
        var buffer = new OutgoingBuffer();
        buffer.Write("abc"u8);
        buffer.Write("def"u8);

        buffer.TryTakeContiguous(6, out var block, out int start).Should().BeTrue();

        block.Data.AsSpan(start, 6).ToArray().Should().Equal("abcdef"u8.ToArray());
        buffer.Length.Should().Be(0);
        block.Release();
    }

    [Fact]
    public void TheTail_GrowsByMovingItsBytes_SoABurstStaysInOneSegment()
    {
        var buffer = new OutgoingBuffer();
        var chunk = Enumerable.Range(0, 3000).Select(i => (byte)i).ToArray();
        for (int i = 0; i < 10; i++)
        {
            buffer.Write(chunk);
        }

        buffer.TryTakeContiguous(30_000, out var block, out int start).Should().BeTrue();

        block.Data.AsSpan(start, 3000).ToArray().Should().Equal(chunk);
        block.Data.AsSpan(start + 27_000, 3000).ToArray().Should().Equal(chunk);
        block.Release();
    }

    [Fact]
    public void ALargeWriteOfBytesBeingDelivered_IsShared_AndStaysIntactWhileTheSenderWritesOn()
    {
        var sender = new OutgoingBuffer();
        var echo = new OutgoingBuffer();
        var original = Enumerable.Range(0, 8192).Select(i => (byte)(i * 7)).ToArray();
        sender.Write(original);

        sender.TryTakeContiguous(original.Length, out var block, out int start).Should().BeTrue();
        echo.SetReceiving(block);
        echo.Write(block.Data.AsSpan(start, original.Length));
        echo.SetReceiving(null);
        block.Release();
        block.Refs.Should().Be(2, "the sender's tail and the echo's segment share it");

        sender.Write(Enumerable.Repeat((byte)0xEE, 10_000).ToArray());

        var echoed = new byte[original.Length];
        echo.Take(echoed);
        echoed.Should().Equal(original);
    }

    [Fact]
    public void AWriteThatOnlyPartlyLiesInTheDeliveredBlock_IsCopied()
    {
        var sender = new OutgoingBuffer();
        sender.Write(new byte[5000]);
        sender.TryTakeContiguous(5000, out var block, out _).Should().BeTrue();
        var echo = new OutgoingBuffer();
        echo.SetReceiving(block);

        echo.Write(new byte[5000]);

        block.Refs.Should().Be(2, "only the sender's tail and the delivery in flight refer to it");
        block.Release();
        echo.Length.Should().Be(5000);
    }

    [Fact]
    public void Peek_CopiesAcrossSegments_WithoutTaking()
    {
        var buffer = new OutgoingBuffer();
        buffer.Write("ab"u8);
        var other = new OutgoingBuffer();
        other.Write(new byte[5000]);
        other.TryTakeContiguous(5000, out var block, out int start);
        buffer.SetReceiving(block);
        buffer.Write(block.Data.AsSpan(start, 5000));
        buffer.SetReceiving(null);
        buffer.Write("yz"u8);

        var head = new byte[4];
        buffer.Peek(head).Should().Be(4);

        head.Should().Equal((byte)'a', (byte)'b', 0, 0);
        buffer.Length.Should().Be(5004);
        buffer.TryTakeContiguous(4, out _, out _).Should().BeFalse("the first segment holds only two bytes");
    }

    [Fact]
    public void AnIdleTail_GoesBackToThePool_AndTheNextWriteRentsOneAsLarge()
    {
        var buffer = new OutgoingBuffer();
        buffer.Write(new byte[100_000]);
        buffer.TryTakeContiguous(100_000, out var block, out _).Should().BeTrue();

        buffer.ReleaseIdleTail();
        block.Refs.Should().Be(2, "a delivery in flight keeps the tail");
        block.Release();
        buffer.ReleaseIdleTail();
        block.Data.Should().BeEmpty("the idle tail went back to the pool");

        buffer.Write("a"u8);
        buffer.TryTakeContiguous(1, out var next, out _).Should().BeTrue();
        next.Data.Length.Should().BeGreaterThanOrEqualTo(100_000);
        next.Release();
    }

    [Fact]
    public void Clear_ReleasesEveryBlock()
    {
        var buffer = new OutgoingBuffer();
        buffer.Write("abc"u8);
        buffer.TryTakeContiguous(1, out var block, out _);

        buffer.Clear();
        block.Refs.Should().Be(1, "only the delivery in flight still refers to it");
        block.Release();

        block.Data.Should().BeEmpty();
        buffer.Length.Should().Be(0);
    }
}
