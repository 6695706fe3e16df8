using System.Text;
using Trial.Addresses;
using Trial.Errors;
using Trial.Fakes.IOSim;
using Trial.Fakes.Memory;
using Trial.Protocols;
using Trial.Tests.Support;

namespace Trial.Tests.Fakes.IOSim;

public sealed class FakeTransportTests
{
    [Fact]
    public void WriteSequence_AppendsEachBufferInOrder()
    {
        var (client, server, pump) = Pair(new AccumulatingProtocol(), new AccumulatingProtocol());

        client.Transport!.Write("a"u8);
        client.Transport.WriteSequence(["b"u8.ToArray(), "c"u8.ToArray(), "d"u8.ToArray()]);
        pump.ClientTransport.BufferedByteCount.Should().Be(4);
        pump.Flush();

        server.Data.Should().Equal("abcd"u8.ToArray());
        pump.ClientTransport.BufferedByteCount.Should().Be(0);
    }

    [Fact]
    public void Writes_AfterLoseConnection_AreAcceptedButDropped()
    {
        var (client, server, pump) = Pair(new AccumulatingProtocol(), new AccumulatingProtocol());

        client.Transport!.Write("before"u8);
        client.Transport.LoseConnection();
        client.Transport.Write("after"u8);
        pump.Flush();

        server.Data.Should().Equal("before"u8.ToArray());
    }

    [Fact]
    public void Addresses_DefaultByRole_AndStayReadableAfterTheLoss()
    {
        var (client, server, pump) = Pair(new AccumulatingProtocol(), new AccumulatingProtocol());
        client.Transport!.AbortConnection();
        pump.Flush();

        client.Transport.LocalAddress.Should().Be(IOPumpOptions.DefaultClientAddress);
        client.Transport.RemoteAddress.Should().Be(IOPumpOptions.DefaultServerAddress);
        server.Transport!.LocalAddress.Should().Be(IOPumpOptions.DefaultServerAddress);
        server.Transport.RemoteAddress.Should().Be(IOPumpOptions.DefaultClientAddress);
    }

    [Fact]
    public void Addresses_AreTheOnesGiven()
    {
        var host = new TcpAddress("1.1.1.1", 1);
        var peer = new TcpAddress("2.2.2.2", 2);

        var transport = new FakeTransport(new Protocol(), isServer: true, host, peer);

        transport.LocalAddress.Should().BeSameAs(host);
        transport.RemoteAddress.Should().BeSameAs(peer);
    }

    [Fact]
    public void ToString_NamesTheSideAndTheProtocol()
    {
        new FakeTransport(new EchoProtocol(), isServer: true).ToString().Should().Be("FakeTransport<S,EchoProtocol>");
        new FakeTransport(new EchoProtocol(), isServer: false).ToString().Should().Be("FakeTransport<C,EchoProtocol>");
    }

    [Fact]
    public void LoseConnection_DeliversEveryPendingByteFirst_ThenACleanCloseToBothEnds_CloserFirst()
    {
        var order = new List<string>();
        var client = new OrderProbe("client", order);
        var server = new OrderProbe("server", order);
        var (_, _, pump) = IOPump.ConnectedServerAndClient(server, client);

        client.Transport!.Write("last words"u8);
        client.Transport.LoseConnection();
        pump.Pump().Should().BeTrue();
        order.Should().Equal("server data:last words");

        pump.Pump().Should().BeTrue();
        pump.Pump().Should().BeFalse();

        order.Should().Equal("server data:last words", "client lost:ConnectionDoneException", "server lost:ConnectionDoneException");
        pump.ClientTransport.Disconnected.Should().BeTrue();
        pump.ServerTransport.Disconnected.Should().BeTrue();
    }

    [Fact]
    public void AbortConnection_DropsPendingBytes_TheAborterSeesAborted_AndThePeerSeesReset()
    {
        var (client, server, pump) = Pair(new EventRecorder(), new EventRecorder());
        client.Transport!.Write("never arrives"u8);
        server.Transport!.Write("nor this"u8);

        client.Transport.AbortConnection();
        pump.Flush();

        client.Events.Should().Equal("lost:ConnectionAbortedException");
        server.Events.Should().Equal("lost:ConnectionResetException");
        pump.ClientTransport.Aborted.Should().BeTrue();
        pump.ServerTransport.Aborted.Should().BeFalse();
    }

    [Fact]
    public void AbortConnection_FromInsideDataReceived_StopsTheRestOfTheDelivery()
    {
        var server = new AbortOnFirstByte();
        var client = new EventRecorder();
        var (_, _, pump) = IOPump.ConnectedServerAndClient(server, client, new IOPumpOptions { Slicing = Slicing.ByteByByte });
        client.Transport!.Write("xyz"u8);
        server.Transport!.Write("pending"u8);

        pump.Flush();

        server.Data.Should().Equal("x"u8.ToArray());
        server.ClosedReason.Should().BeOfType<ConnectionAbortedException>();
        client.Events.Should().Equal("lost:ConnectionResetException");
    }

    [Fact]
    public void WhenBothEndsAbort_EachSeesItsOwnAbort()
    {
        var (client, server, pump) = Pair(new EventRecorder(), new EventRecorder());

        server.Transport!.AbortConnection();
        client.Transport!.AbortConnection();
        pump.Flush();

        client.Events.Should().Equal("lost:ConnectionAbortedException");
        server.Events.Should().Equal("lost:ConnectionAbortedException");
    }

    [Fact]
    public void LoseWriteConnection_DeliversDataFirst_ThenTheHalfClose_AndThePeerCanStillAnswer()
    {
        var (client, server, pump) = Pair(new HalfCloseRecorder(), new HalfCloseRecorder());
        client.Transport!.Write("request"u8);
        client.Transport.LoseWriteConnection();

        pump.Flush();
        server.Events.Should().Equal("data:request", "read-closed");
        client.Events.Should().Equal("write-closed");

        server.Transport!.Write("response"u8);
        pump.Flush();
        client.Events.Should().Equal("write-closed", "data:response");
        client.Closed.Should().BeFalse("one direction is still open");

        server.Transport.LoseWriteConnection();
        pump.Flush();
        client.Events.Should().Equal("write-closed", "data:response", "read-closed", "lost:ConnectionDoneException");
        server.Events.Should().Equal("data:request", "read-closed", "write-closed", "lost:ConnectionDoneException");
    }

    [Fact]
    public void LoseWriteConnection_ToAPeerThatCannotHalfClose_EndsTheConnectionCleanly_AfterThePeersPendingBytes()
    {
        var (client, server, pump) = Pair(new HalfCloseRecorder(), new EventRecorder());
        server.Transport!.Write("queued"u8);
        client.Transport!.LoseWriteConnection();

        pump.Flush();

        client.Events.Should().Equal("data:queued", "write-closed", "lost:ConnectionDoneException");
        server.Events.Should().Equal("lost:ConnectionDoneException");
    }

    [Fact]
    public void AnEndThatCalledLoseConnection_ReceivesNothingMore()
    {
        var (client, server, pump) = Pair(new EventRecorder(), new EventRecorder());
        server.Transport!.Write("too late"u8);
        client.Transport!.LoseConnection();

        pump.Flush();

        client.Events.Should().Equal("lost:ConnectionDoneException");
        server.Events.Should().Equal("lost:ConnectionDoneException");
    }

    [Fact]
    public void PauseProducing_StopsDeliveries_UntilResumed()
    {
        var (client, server, pump) = Pair(new AccumulatingProtocol(), new AccumulatingProtocol());
        server.Transport!.PauseProducing();
        client.Transport!.Write("held"u8);

        pump.Flush().Should().BeFalse();
        server.Data.Should().BeEmpty();
        pump.ServerTransport.ReadingPaused.Should().BeTrue();
        pump.ClientTransport.BufferedByteCount.Should().Be(4);

        server.Transport.ResumeProducing();
        pump.Flush().Should().BeTrue();
        server.Data.Should().Equal("held"u8.ToArray());
    }

    [Fact]
    public void PauseProducing_FromInsideDataReceived_HoldsTheRestOfTheRound()
    {
        var server = new PauseAfter(3);
        var (client, _, pump) = IOPump.ConnectedServerAndClient(server, new AccumulatingProtocol(), new IOPumpOptions { Slicing = Slicing.ByteByByte });
        client.Transport!.Write("abcdef"u8);

        pump.Flush();
        server.Data.Should().Equal("abc"u8.ToArray());

        server.Transport!.ResumeProducing();
        pump.Flush();
        server.Data.Should().Equal("abcdef"u8.ToArray());
    }

    [Fact]
    public void StopProducing_ClosesTheConnection()
    {
        var (client, server, pump) = Pair(new EventRecorder(), new EventRecorder());

        client.Transport!.StopProducing();
        pump.Flush();

        client.Events.Should().Equal("lost:ConnectionDoneException");
        pump.ClientTransport.Disconnecting.Should().BeTrue();
    }

    [Fact]
    public void RegisterProducer_Throws_WhenAProducerIsAlreadyRegistered()
    {
        var transport = new FakeTransport(new Protocol(), isServer: false);
        var first = new StrictPushProducer();
        transport.RegisterProducer(first, streaming: true);

        transport.Invoking(t => t.RegisterProducer(new StrictPushProducer(), streaming: true))
            .Should().Throw<InvalidOperationException>().WithMessage("*already registered*");
        transport.Producer.Should().BeSameAs(first);
    }

    [Fact]
    public void RegisterProducer_Throws_WhenTheProducerDoesNotImplementTheKindAskedFor()
    {
        var transport = new FakeTransport(new Protocol(), isServer: false);

        transport.Invoking(t => t.RegisterProducer(new NonStreamingProducer(transport), streaming: true))
            .Should().Throw<ArgumentException>().WithMessage("*IPushProducer*NonStreamingProducer*");
        transport.Invoking(t => t.RegisterProducer(new StrictPushProducer(), streaming: false))
            .Should().Throw<ArgumentException>().WithMessage("*IPullProducer*");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Pumping_NeverPausesOrResumesARunningPushProducerWithLittleBuffered(bool onServer)
    {
        var (client, server, pump) = Pair(new Protocol(), new Protocol(), greet: false);
        var producer = new StrictPushProducer();
        (onServer ? server : client).Transport!.RegisterProducer(producer, streaming: true);

        pump.Pump();

        producer.State.Should().Be("running");
    }

    [Fact]
    public void APushProducer_IsPausedPastTheHighWaterMark_AndResumedOnceDrainedToTheLowOne()
    {
        var (client, server, pump) = Pair(new Protocol(), new AccumulatingProtocol());
        var transport = pump.ClientTransport;
        transport.LowWaterMark = 10;
        transport.HighWaterMark = 100;
        var producer = new StrictPushProducer();
        transport.RegisterProducer(producer, streaming: true);

        transport.Write(new byte[100]);
        producer.State.Should().Be("running");
        transport.Write(new byte[1]);
        producer.State.Should().Be("paused");

        server.Transport!.PauseProducing();
        pump.Flush();
        producer.State.Should().Be("paused", "nothing drained while the reader is paused");

        server.Transport.ResumeProducing();
        pump.Flush();
        producer.State.Should().Be("running");
        producer.Resumes.Should().Be(1);
        server.Data.Should().HaveCount(101);
    }

    [Fact]
    public void APullProducer_IsAskedOnRegistration_AndEachTimeTheBufferDrains()
    {
        var (client, server, pump) = Pair(new Protocol(), new AccumulatingProtocol());
        var producer = new NonStreamingProducer(client.Transport!);

        client.Transport!.RegisterProducer(producer, streaming: false);
        producer.Counter.Should().Be(1);
        pump.Pump();
        producer.Counter.Should().Be(2);
        pump.Flush();

        Encoding.ASCII.GetString(server.Data).Should().Be("0123456789");
        producer.Completion.IsCompletedSuccessfully.Should().BeTrue();
        pump.ClientTransport.Producer.Should().BeNull();
    }

    [Fact]
    public void ASlowPullProducer_FillsATransferExactly_AndTheCloseWaitsForIt()
    {
        const int chunk = 1000;
        const int chunks = 37;
        var (client, server, pump) = Pair(new Protocol(), new EventRecorder(), greet: false);
        var producer = new CountingPullProducer(client.Transport!, chunk, chunks);

        client.Transport!.RegisterProducer(producer, streaming: false);
        client.Transport.LoseConnection();
        pump.Flush();

        server.Data.Should().HaveCount(chunk * chunks);
        server.Data.Should().Equal(Enumerable.Range(0, chunk * chunks).Select(i => (byte)(i / chunk)));
        server.ClosedReason.Should().BeOfType<ConnectionDoneException>();
        producer.Resumes.Should().Be(chunks);
        producer.Stopped.Should().BeFalse("it finished and unregistered before the close");
    }

    [Fact]
    public void TheProducer_IsStopped_WhenTheConnectionIsLost()
    {
        var (client, _, pump) = Pair(new Protocol(), new Protocol());
        var producer = new StrictPushProducer();
        client.Transport!.RegisterProducer(producer, streaming: true);

        client.Transport.AbortConnection();
        pump.Flush();

        producer.State.Should().Be("stopped");
        pump.ClientTransport.Producer.Should().BeNull();
    }

    [Fact]
    public void RegisterProducer_OnALostTransport_StopsTheProducerAtOnce()
    {
        var (client, _, pump) = Pair(new Protocol(), new Protocol());
        client.Transport!.AbortConnection();
        pump.Flush();
        var producer = new StrictPushProducer();

        client.Transport.RegisterProducer(producer, streaming: true);

        producer.State.Should().Be("stopped");
        pump.ClientTransport.Producer.Should().BeNull();
    }

    [Fact]
    public void WaterMarks_RejectValuesThatCross_NamingTheOther()
    {
        var transport = new FakeTransport(new Protocol(), isServer: false);

        transport.Invoking(t => t.HighWaterMark = 100).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*16384*");
        transport.Invoking(t => t.LowWaterMark = 70_000).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*65536*");
        transport.Invoking(t => t.LowWaterMark = -1).Should().Throw<ArgumentOutOfRangeException>();
    }

    private static (TClient Client, TServer Server, IOPump Pump) Pair<TClient, TServer>(TClient client, TServer server, bool greet = true)
        where TClient : IProtocol
        where TServer : IProtocol => IOPump.ConnectedServerAndClient(server, client, new IOPumpOptions { Greet = greet });

    private sealed class OrderProbe(string name, List<string> order) : Protocol
    {
        public override void DataReceived(ReadOnlySpan<byte> data) => order.Add($"{name} data:{Encoding.ASCII.GetString(data)}");

        public override void ConnectionLost(Exception reason)
        {
            base.ConnectionLost(reason);
            order.Add($"{name} lost:{reason.GetType().Name}");
        }
    }

    private sealed class AbortOnFirstByte : AccumulatingProtocol
    {
        public override void DataReceived(ReadOnlySpan<byte> data)
        {
            base.DataReceived(data);
            Transport!.AbortConnection();
        }
    }

    private sealed class PauseAfter(int count) : AccumulatingProtocol
    {
        public override void DataReceived(ReadOnlySpan<byte> data)
        {
            base.DataReceived(data);
            if (Data.Length == count)
            {
                Transport!.PauseProducing();
            }
        }
    }

    private sealed class CountingPullProducer(Trial.Transports.ITransport transport, int chunk, int chunks) : Trial.Transports.IPullProducer
    {
        public int Resumes { get; private set; }

        public bool Stopped { get; private set; }

        public void ResumeProducing()
        {
            var data = new byte[chunk];
            Array.Fill(data, (byte)Resumes);
            Resumes++;
            transport.Write(data);
            if (Resumes == chunks)
            {
                transport.UnregisterProducer();
            }
        }

        public void StopProducing() => Stopped = true;
    }
}
