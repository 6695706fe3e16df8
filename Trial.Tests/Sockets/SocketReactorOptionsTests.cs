using Trial.Sockets;

namespace Trial.Tests.Sockets;

public sealed class SocketReactorOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new SocketReactorOptions();

        options.WriteBufferHighWaterMark.Should().Be(64 * 1024);
        options.WriteBufferLowWaterMark.Should().Be(16 * 1024);
        options.ReadBufferSize.Should().Be(64 * 1024);
        options.ThreadPoolSize.Should().Be(10);
        options.CloseLingerTimeout.Should().Be(TimeSpan.FromSeconds(5));
        options.SpinBeforeWait.Should().Be(TimeSpan.FromMicroseconds(50));
        options.Log.Should().BeNull();
        options.UsePortablePoller.Should().BeFalse();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1_000_001)]
    public void SpinBeforeWait_OutsideZeroToOneSecond_ThrowsWithTheValue(long microseconds)
    {
        var options = new SocketReactorOptions();

        var act = () => options.SpinBeforeWait = TimeSpan.FromMicroseconds(microseconds);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage($"*SpinBeforeWait*{TimeSpan.FromMicroseconds(microseconds)}*");
    }

    [Fact]
    public void InvalidSizes_ThrowWithTheValue()
    {
        var options = new SocketReactorOptions();

        options.Invoking(o => o.ReadBufferSize = 0).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*ReadBufferSize*0*");
        options.Invoking(o => o.WriteBufferLowWaterMark = -3).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*-3*");
        options.Invoking(o => o.CloseLingerTimeout = TimeSpan.FromSeconds(-1)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void ALowWaterMarkAboveTheHighOne_IsRejectedWhenTheReactorIsMade()
    {
        var options = new SocketReactorOptions { WriteBufferHighWaterMark = 1000, WriteBufferLowWaterMark = 2000 };

        var act = () => new SocketReactor(options);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*2000*1000*");
    }
}
