using Microsoft.Extensions.Logging;
using Trial.Fakes.Logging;
using Trial.Logging;

namespace Trial.Tests.Fakes.Logging;

public sealed class EventLoggingObserverTests
{
    private readonly LogPublisher _publisher = new();

    [Fact]
    public void Attach_KeepsEveryEventPublishedInOrder()
    {
        using var observer = EventLoggingObserver.Attach(_publisher);
        var logger = new Logger("test", _publisher);

        logger.Info("first {N}", 1);
        logger.Error("second");

        observer.Count.Should().Be(2);
        observer.Events().Select(e => e.FormatMessage()).Should().Equal("first 1", "second");
        observer.Events()[1].Level.Should().Be(LogLevel.Error);
    }

    [Fact]
    public void Errors_FindsLoggedFailuresByExceptionType()
    {
        using var observer = EventLoggingObserver.Attach(_publisher);
        var logger = new Logger("test", _publisher);

        logger.Failure("it broke", new TimeoutException("slow"));
        logger.Failure("other", new FormatException("bad"));
        logger.Warn("not an error");

        observer.Errors<TimeoutException>().Should().ContainSingle().Which.Exception!.Message.Should().Be("slow");
        observer.Errors<Exception>().Should().HaveCount(2);
    }

    [Fact]
    public void Dispose_StopsObservingButKeepsWhatWasSeen()
    {
        var observer = EventLoggingObserver.Attach(_publisher);
        var logger = new Logger("test", _publisher);
        logger.Info("seen");

        observer.Dispose();
        logger.Info("unseen");

        observer.Events().Should().ContainSingle();
        _publisher.Observers.Should().BeEmpty();
        observer.Clear();
        observer.Count.Should().Be(0);
    }
}
