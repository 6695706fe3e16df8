using Trial.Deferreds;

namespace Trial.Tests.Deferreds;

public sealed class FailureTests
{
    [Fact]
    public void Check_ReturnsTheMatchedTypeOrNull()
    {
        var failure = new Failure(new ArgumentNullException("x"));

        failure.Check<ArgumentException>().Should().Be(typeof(ArgumentException));
        failure.Check<InvalidOperationException>().Should().BeNull();
        failure.Check(typeof(InvalidOperationException), typeof(ArgumentNullException)).Should().Be(typeof(ArgumentNullException));
        failure.Check(typeof(InvalidOperationException)).Should().BeNull();
    }

    [Fact]
    public void Check_WithANonExceptionType_Throws()
    {
        var act = () => new Failure(new TestException()).Check(typeof(string));

        act.Should().Throw<ArgumentException>().WithMessage("*System.String*");
    }

    [Fact]
    public void Trap_ReturnsTheExceptionWhenItMatches()
    {
        var exception = new TestException();

        new Failure(exception).Trap<TestException>().Should().BeSameAs(exception);
        new Failure(exception).Trap(typeof(ArgumentException), typeof(Exception)).Should().Be(typeof(Exception));
    }

    [Fact]
    public void Trap_RethrowsTheOriginalExceptionWithItsOriginalStack()
    {
        var failure = CaptureFailure();

        var act = () => failure.Trap<ArgumentException>();

        var thrown = act.Should().Throw<TestException>().Which;
        thrown.Should().BeSameAs(failure.Exception);
        thrown.StackTrace.Should().Contain(nameof(ThrowDeep));
    }

    [Fact]
    public void TrapWithTypes_RethrowsWhenNothingMatches()
    {
        var failure = CaptureFailure();

        var act = () => failure.Trap(typeof(ArgumentException));

        act.Should().Throw<TestException>().Which.StackTrace.Should().Contain(nameof(ThrowDeep));
    }

    [Fact]
    public void StackTrace_IsTheStackAtCapture_OrNullForAnUnthrownException()
    {
        CaptureFailure().StackTrace.Should().Contain(nameof(ThrowDeep));
        new Failure(new TestException()).StackTrace.Should().BeNull();
    }

    [Fact]
    public void ToString_NamesTypeMessageAndStack()
    {
        new Failure(new TestException("bad")).ToString().Should().Be("[Failure Trial.Tests.Deferreds.TestException: bad]");
        CaptureFailure().ToString().Should().StartWith("[Failure Trial.Tests.Deferreds.TestException: deep").And.Contain(nameof(ThrowDeep));
    }

    [Fact]
    public void Properties_DescribeTheException()
    {
        var failure = new Failure(new TestException("bad"));

        failure.Type.Should().Be(typeof(TestException));
        failure.Message.Should().Be("bad");
    }

    [Fact]
    public void Constructor_RejectsNull()
    {
        var act = () => new Failure(null!);

        act.Should().Throw<ArgumentNullException>();
    }

    private static Failure CaptureFailure()
    {
        try
        {
            ThrowDeep();
            return null!;
        }
        catch (TestException ex)
        {
            return new Failure(ex);
        }
    }

    private static void ThrowDeep() => throw new TestException("deep");
}
