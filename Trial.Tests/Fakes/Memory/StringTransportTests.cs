using System.Text;
using Trial.Addresses;
using Trial.Fakes.Memory;
using Trial.Transports;

namespace Trial.Tests.Fakes.Memory;

public sealed class StringTransportTests
{
    private readonly StringTransport _transport = new();

    [Fact]
    public void Value_HoldsEveryWriteInOrder()
    {
        _transport.Write("hello, "u8);
        _transport.WriteSequence([Encoding.ASCII.GetBytes("wor"), Encoding.ASCII.GetBytes("ld")]);

        _transport.Value().Should().Equal(Encoding.ASCII.GetBytes("hello, world"));
        _transport.ValueSpan().ToArray().Should().Equal(_transport.Value());
    }

    [Fact]
    public void Clear_ForgetsWhatWasWritten()
    {
        _transport.Write("before"u8);
        _transport.Clear();
        _transport.Write("after"u8);

        _transport.Value().Should().Equal("after"u8.ToArray());
    }

    [Fact]
    public void RegisterProducer_RecordsTheProducerAndWhetherItStreams()
    {
        var producer = new PushProducerProbe();

        _transport.RegisterProducer(producer, streaming: true);

        _transport.Producer.Should().BeSameAs(producer);
        _transport.Streaming.Should().BeTrue();
    }

    [Fact]
    public void RegisterProducer_ThrowsWhenAProducerIsAlreadyRegistered_AndKeepsTheFirst()
    {
        var first = new PushProducerProbe();
        _transport.RegisterProducer(first, streaming: true);

        var act = () => _transport.RegisterProducer(new PushProducerProbe(), streaming: false);

        act.Should().Throw<InvalidOperationException>().WithMessage("*already registered*");
        _transport.Producer.Should().BeSameAs(first);
        _transport.Streaming.Should().BeTrue();
    }

    [Fact]
    public void UnregisterProducer_ForgetsTheProducer_SoANewOneCanRegister()
    {
        _transport.RegisterProducer(new PushProducerProbe(), streaming: false);
        _transport.UnregisterProducer();
        _transport.Producer.Should().BeNull();
        _transport.Streaming.Should().BeNull();

        var second = new PushProducerProbe();
        _transport.RegisterProducer(second, streaming: true);

        _transport.Producer.Should().BeSameAs(second);
    }

    [Fact]
    public void UnregisterProducer_DoesNothingWhenNoneIsRegistered_AsTheConsumerContractSays()
    {
        var act = () => _transport.UnregisterProducer();

        act.Should().NotThrow();
        _transport.Producer.Should().BeNull();
    }

    [Fact]
    public void ProducerState_StartsProducing() => _transport.ProducerState.Should().Be(ProducerState.Producing);

    [Fact]
    public void PauseProducing_MakesItPaused_AndResumeProducing_MakesItProduceAgain()
    {
        _transport.PauseProducing();
        _transport.ProducerState.Should().Be(ProducerState.Paused);

        _transport.ResumeProducing();
        _transport.ProducerState.Should().Be(ProducerState.Producing);
    }

    [Fact]
    public void StopProducing_MakesItStopped()
    {
        _transport.StopProducing();

        _transport.ProducerState.Should().Be(ProducerState.Stopped);
    }

    [Fact]
    public void PauseProducing_ThrowsOnAStoppedTransport()
    {
        _transport.StopProducing();

        _transport.Invoking(t => t.PauseProducing()).Should().Throw<InvalidOperationException>().WithMessage("*stopped*");
    }

    [Fact]
    public void ResumeProducing_ThrowsOnAStoppedTransport()
    {
        _transport.StopProducing();

        _transport.Invoking(t => t.ResumeProducing()).Should().Throw<InvalidOperationException>().WithMessage("*stopped*");
    }

    [Fact]
    public void PauseProducing_ThrowsOnADisconnectingTransport()
    {
        _transport.LoseConnection();

        _transport.Invoking(t => t.PauseProducing()).Should().Throw<InvalidOperationException>().WithMessage("*LoseConnection*");
    }

    [Fact]
    public void ResumeProducing_ThrowsOnADisconnectingTransport()
    {
        _transport.LoseConnection();

        _transport.Invoking(t => t.ResumeProducing()).Should().Throw<InvalidOperationException>().WithMessage("*LoseConnection*");
    }

    [Fact]
    public void ResumeProducing_IsAllowedAfterLoseConnection_WhenTheTransportIsLenient()
    {
        var lenient = new StringTransport(lenient: true);
        lenient.LoseConnection();

        lenient.PauseProducing();
        lenient.ResumeProducing();

        lenient.ProducerState.Should().Be(ProducerState.Producing);
    }

    [Fact]
    public void LoseConnection_SetsDisconnecting_ButNotAborted()
    {
        _transport.Disconnecting.Should().BeFalse();

        _transport.LoseConnection();

        _transport.Disconnecting.Should().BeTrue();
        _transport.Aborted.Should().BeFalse();
    }

    [Fact]
    public void AbortConnection_SetsAbortedAndDisconnecting()
    {
        _transport.AbortConnection();

        _transport.Aborted.Should().BeTrue();
        _transport.Disconnecting.Should().BeTrue();
    }

    [Fact]
    public void LoseWriteConnection_SetsWriteClosed_ButNotDisconnecting()
    {
        _transport.LoseWriteConnection();

        _transport.WriteClosed.Should().BeTrue();
        _transport.Disconnecting.Should().BeFalse();
    }

    [Fact]
    public void Addresses_AreTheOnesGiven()
    {
        var host = new TcpAddress("127.0.0.1", 1);
        var peer = new TcpAddress("127.0.0.2", 2);

        var transport = new StringTransport(host, peer);

        transport.LocalAddress.Should().BeSameAs(host);
        transport.RemoteAddress.Should().BeSameAs(peer);
    }

    [Fact]
    public void Addresses_DefaultToTwistedsTcpAddresses()
    {
        _transport.LocalAddress.Should().Be(new TcpAddress("10.0.0.1", 12345));
        _transport.RemoteAddress.Should().Be(new TcpAddress("192.168.1.1", 54321));
    }

    [Fact]
    public void Addresses_StayReadableAfterTheConnectionIsLost()
    {
        _transport.AbortConnection();

        _transport.LocalAddress.Should().Be(StringTransport.DefaultHostAddress);
        _transport.RemoteAddress.Should().Be(StringTransport.DefaultPeerAddress);
    }

    [Fact]
    public void Writes_AfterLoseConnection_AreDroppedAsOnEveryTransport()
    {
        _transport.Write("early"u8);
        _transport.LoseConnection();
        _transport.Write("late"u8);

        _transport.Value().Should().Equal("early"u8.ToArray());
    }

    [Fact]
    public void Writes_AfterLoseConnection_AreRecordedWhileAProducerIsRegistered()
    {
        _transport.RegisterProducer(new PushProducerProbe(), streaming: true);
        _transport.LoseConnection();
        _transport.Write("late"u8);
        _transport.UnregisterProducer();
        _transport.Write("later"u8);

        _transport.Value().Should().Equal("late"u8.ToArray());
    }

    private sealed class PushProducerProbe : IPushProducer
    {
        public void PauseProducing()
        {
        }

        public void ResumeProducing()
        {
        }

        public void StopProducing()
        {
        }
    }
}
