using Trial.Deferreds;

namespace Trial.Tests.Deferreds;

public sealed class DeferredQueueTests
{
    [Fact]
    public void Get_BeforePut_FiresInOrderAsItemsArrive()
    {
        var queue = new DeferredQueue<int>();
        var gets = Enumerable.Range(0, 3).Select(_ => queue.Get()).ToList();
        queue.WaitingCount.Should().Be(3);

        for (int i = 0; i < 3; i++)
        {
            queue.Put(i);
        }

        gets.Select(g => g.SuccessResultOf()).Should().Equal(0, 1, 2);
        queue.PendingCount.Should().Be(0);
    }

    [Fact]
    public void Put_BeforeGet_KeepsItemsInOrder()
    {
        var queue = new DeferredQueue<string>();
        queue.Put("a");
        queue.Put("b");

        queue.PendingCount.Should().Be(2);
        queue.Get().SuccessResultOf().Should().Be("a");
        queue.Get().SuccessResultOf().Should().Be("b");
    }

    [Fact]
    public void Put_BeyondSize_ThrowsQueueOverflow()
    {
        var queue = new DeferredQueue<int>(size: 2);
        queue.Put(1);
        queue.Put(2);

        var act = () => queue.Put(3);

        act.Should().Throw<QueueOverflowException>().WithMessage("*size of 2*3*");
        queue.Size.Should().Be(2);
    }

    [Fact]
    public void Get_BeyondBacklog_ThrowsQueueUnderflow()
    {
        var queue = new DeferredQueue<int>(backlog: 1);
        queue.Get();

        var act = () => queue.Get();

        act.Should().Throw<QueueUnderflowException>().WithMessage("*backlog of 1*");
        queue.Backlog.Should().Be(1);
    }

    [Fact]
    public void Put_ToAWaitingGet_IsNotLimitedBySize()
    {
        var queue = new DeferredQueue<int>(size: 0);
        var got = queue.Get();

        queue.Put(5);

        got.SuccessResultOf().Should().Be(5);
    }

    [Fact]
    public void Cancel_AfterASynchronousGet_DoesNothing()
    {
        var queue = new DeferredQueue<int>();
        queue.Put(1);
        var got = queue.Get();

        got.Cancel();

        got.SuccessResultOf().Should().Be(1);
    }

    [Fact]
    public void Cancel_AWaitingGet_WithdrawsIt()
    {
        var queue = new DeferredQueue<int>();
        var got = queue.Get();

        got.Cancel();

        got.FailureResultOf(typeof(CancelledException));
        queue.WaitingCount.Should().Be(0);
        queue.Put(1);
        queue.PendingCount.Should().Be(1);
    }

    [Fact]
    public void Constructor_WithANegativeLimit_Throws()
    {
        FluentActions.Invoking(() => new DeferredQueue<int>(size: -1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("size");
        FluentActions.Invoking(() => new DeferredQueue<int>(backlog: -2)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*-2*");
    }

    [Fact]
    public void QueueExceptions_HaveTheStandardConstructors()
    {
        new QueueOverflowException().Message.Should().Be("The queue is full.");
        new QueueOverflowException("x", new TestException()).InnerException.Should().BeOfType<TestException>();
        new QueueUnderflowException().Message.Should().Contain("gets");
        new QueueUnderflowException("y", new TestException()).Message.Should().Be("y");
    }
}
