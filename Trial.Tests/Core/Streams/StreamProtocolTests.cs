using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Text;
using Trial.Errors;
using Trial.Fakes.IOSim;
using Trial.Fakes.Memory;
using Trial.Streams;
using static Trial.Tests.Support.TaskResults;

namespace Trial.Tests.Core.Streams;

public sealed class StreamProtocolTests
{
    [Fact]
    public void AStream_RoundTripsOverThePump()
    {
        var (client, server, pump) = IOPump.ConnectedServerAndClient(new StreamProtocol(), new StreamProtocol());

        var serving = pump.Start(async () =>
        {
            var request = new byte[5];
            await server.Stream.ReadExactlyAsync(request);
            Array.Reverse(request);
            await server.Stream.WriteAsync(request);
        });
        var asking = pump.Start(async () =>
        {
            await client.Stream.WriteAsync("hello"u8.ToArray());
            var reply = new byte[5];
            await client.Stream.ReadExactlyAsync(reply);
            return Encoding.ASCII.GetString(reply);
        });
        pump.RunUntil(() => serving.IsCompleted && asking.IsCompleted);

        serving.IsCompletedSuccessfully.Should().BeTrue();
        SuccessResultOf(asking).Should().Be("olleh");
    }

    [Fact]
    public void ADuplexPipe_RoundTripsLengthPrefixedMessages_DeliveredByteByByte()
    {
        var options = new IOPumpOptions { Slicing = Slicing.ByteByByte };
        var (client, server, pump) = IOPump.ConnectedServerAndClient(new StreamProtocol(), new StreamProtocol(), options);
        string[] messages = ["one", "", "three little words", new string('x', 3000)];

        var serving = pump.Start(async () =>
        {
            for (int i = 0; i < messages.Length; i++)
            {
                var message = await ReadMessage(server.Pipe.Input);
                await WriteMessage(server.Pipe.Output, message.ToUpperInvariant());
            }
        });
        var asking = pump.Start(async () =>
        {
            var replies = new List<string>();
            foreach (var message in messages)
            {
                await WriteMessage(client.Pipe.Output, message);
                replies.Add(await ReadMessage(client.Pipe.Input));
            }

            return replies;
        });
        pump.MaxFlushRounds = 100_000;
        pump.RunUntil(() => serving.IsCompleted && asking.IsCompleted);

        serving.IsCompletedSuccessfully.Should().BeTrue();
        SuccessResultOf(asking).Should().Equal(messages.Select(m => m.ToUpperInvariant()));
    }

    [Fact]
    public void AwaitContinuations_RunOnThePumpsClock()
    {
        var (client, server, pump) = IOPump.ConnectedServerAndClient(new StreamProtocol(), new StreamProtocol());
        var onClock = new List<bool>();

        var reading = pump.Start(async () =>
        {
            var buffer = new byte[1];
            await server.Stream.ReadExactlyAsync(buffer);
            onClock.Add(SynchronizationContext.Current == pump.Clock.SynchronizationContext);
            await server.Pipe.Input.ReadAsync();
            onClock.Add(SynchronizationContext.Current == pump.Clock.SynchronizationContext);
        });
        client.Stream.Write("a"u8);
        pump.Flush();
        client.Stream.Write("b"u8);
        pump.RunUntil(reading);

        onClock.Should().Equal(true, true);
    }

    [Fact]
    public void ACleanClose_EndsTheStream_WithAZeroByteRead()
    {
        var (client, server, pump) = IOPump.ConnectedServerAndClient(new StreamProtocol(), new StreamProtocol());
        server.Stream.Write("bye"u8);
        server.Transport!.LoseConnection();

        var reading = pump.Start(() => ReadToEnd(client.Stream));
        pump.RunUntil(reading);

        SuccessResultOf(reading).Should().Be("bye");
    }

    [Fact]
    public void AReset_FailsStreamReadsWithAnIOException_AndPipeReadsWithTheReason()
    {
        var (client, server, pump) = IOPump.ConnectedServerAndClient(new StreamProtocol(), new StreamProtocol());
        var fromStream = pump.Start(() => client.Stream.ReadAsync(new byte[10]).AsTask());

        server.Transport!.AbortConnection();
        pump.RunUntil(fromStream);

        fromStream.Exception!.InnerException.Should().BeOfType<IOException>().Which.InnerException.Should().BeOfType<ConnectionResetException>();
        client.Pipe.Input.Invoking(i => i.TryRead(out _)).Should().Throw<ConnectionResetException>();
    }

    [Fact]
    public void CompletingTheOutput_HalfCloses_AndThePeerCanStillAnswer()
    {
        var (client, server, pump) = IOPump.ConnectedServerAndClient(new StreamProtocol(), new StreamProtocol());

        var serving = pump.Start(async () =>
        {
            string request = await ReadToEnd(server.Stream);
            await server.Stream.WriteAsync(Encoding.ASCII.GetBytes($"got {request}"));
            await server.Pipe.Output.CompleteAsync();
        });
        var asking = pump.Start(async () =>
        {
            await client.Pipe.Output.WriteAsync("question"u8.ToArray());
            await client.Pipe.Output.CompleteAsync();
            return await ReadToEnd(client.Stream);
        });
        pump.RunUntil(() => serving.IsCompleted && asking.IsCompleted);
        pump.Flush();

        SuccessResultOf(asking).Should().Be("got question");
        client.Connected.Should().BeFalse("both write sides are closed, so the connection is over");
        server.Connected.Should().BeFalse();
    }

    [Fact]
    public void CompletingTheOutputWithAnError_AbortsTheConnection()
    {
        var (client, server, pump) = IOPump.ConnectedServerAndClient(new StreamProtocol(), new AccumulatingProtocol());

        server.Pipe.Output.Complete(new InvalidOperationException("gave up"));
        pump.Flush();

        client.ClosedReason.Should().BeOfType<ConnectionResetException>();
    }

    [Fact]
    public void ASlowReader_PausesTheTransport_AndStillGetsEveryByteInOrder()
    {
        var options = new IOPumpOptions { Slicing = Slicing.Fixed(8192) };
        var (client, server, pump) = IOPump.ConnectedServerAndClient(new StreamProtocol(), new StreamProtocol(), options);
        var payload = Enumerable.Range(0, 1 << 20).Select(i => (byte)(i % 251)).ToArray();

        server.Stream.Write(payload);
        pump.Flush();

        pump.ClientTransport.ReadingPaused.Should().BeTrue();
        pump.ServerTransport.BufferedByteCount.Should().BeGreaterThan(payload.Length / 2, "the reader held the rest back");

        var reading = pump.Start(async () =>
        {
            var received = new byte[payload.Length];
            await client.Stream.ReadExactlyAsync(received);
            return received;
        });
        pump.RunUntil(reading);

        SuccessResultOf(reading).Should().Equal(payload);
        pump.ClientTransport.ReadingPaused.Should().BeFalse();
    }

    [Fact]
    public void AFlush_WaitsWhileThePeerIsNotReading_AndCompletesOnceTheBufferDrains()
    {
        var (client, server, pump) = IOPump.ConnectedServerAndClient(new AccumulatingProtocol(), new StreamProtocol());
        server.Transport!.PauseProducing();

        var writing = pump.Start(() => client.Stream.WriteAsync(new byte[200_000]).AsTask());
        pump.Flush();
        writing.IsCompleted.Should().BeFalse("the transport holds more than its high water mark");

        server.Transport.ResumeProducing();
        pump.RunUntil(writing);

        writing.IsCompletedSuccessfully.Should().BeTrue();
        server.Data.Should().HaveCount(200_000);
    }

    [Fact]
    public void AFlushPendingWhenTheConnectionIsLost_CompletesAsCompleted()
    {
        var (client, server, pump) = IOPump.ConnectedServerAndClient(new AccumulatingProtocol(), new StreamProtocol());
        server.Transport!.PauseProducing();
        client.Pipe.Output.Write(new byte[100_000]);
        var flushing = client.Pipe.Output.FlushAsync().AsTask();

        server.Transport.AbortConnection();
        pump.Flush();

        flushing.IsCompletedSuccessfully.Should().BeTrue();
        SuccessResultOf(flushing).IsCompleted.Should().BeTrue();
    }

    [Fact]
    public void WritingToALostConnection_ThrowsAnIOException()
    {
        var (client, server, pump) = IOPump.ConnectedServerAndClient(new StreamProtocol(), new StreamProtocol());
        server.Transport!.AbortConnection();
        pump.Flush();

        client.Stream.Invoking(s => s.Write("late"u8)).Should().Throw<IOException>().WithMessage("Cannot write 4 bytes*lost*");
        var writing = pump.Start(() => client.Stream.WriteAsync("late"u8.ToArray()).AsTask());
        writing.Exception!.InnerException.Should().BeOfType<IOException>();
    }

    [Fact]
    public void ASynchronousRead_ReturnsWhatArrived_AndThrowsWhenNothingHas()
    {
        var (client, server, pump) = IOPump.ConnectedServerAndClient(new StreamProtocol(), new StreamProtocol());
        var buffer = new byte[10];

        client.Stream.Invoking(s => s.Read(buffer)).Should().Throw<InvalidOperationException>().WithMessage("*would block*ReadAsync*");

        server.Stream.Write("abc"u8);
        pump.Flush();
        client.Stream.Read(buffer).Should().Be(3);
        buffer.Take(3).Should().Equal("abc"u8.ToArray());
    }

    [Fact]
    public void DisposingTheStream_SendsWhatWasWritten_ThenClosesCleanly()
    {
        var (client, server, pump) = IOPump.ConnectedServerAndClient(new EventRecorderForStreams(), new StreamProtocol());

        client.Stream.Write("last"u8);
        client.Stream.Dispose();
        pump.Flush();

        server.Events.Should().Equal("data:last", "lost:ConnectionDoneException");
        client.Stream.CanRead.Should().BeFalse();
    }

    [Fact]
    public void ItWorksOverAnyTransport_HereAStringTransport()
    {
        var protocol = new StreamProtocol();
        var transport = new StringTransportWithDisconnection(protocol);
        protocol.MakeConnection(transport);

        protocol.Stream.Write("out"u8);
        protocol.DataReceived("in"u8);
        var buffer = new byte[2];
        protocol.Stream.Read(buffer).Should().Be(2);
        transport.LoseConnection();

        transport.Value().Should().Equal("out"u8.ToArray());
        buffer.Should().Equal("in"u8.ToArray());
        protocol.Stream.Read(buffer).Should().Be(0);
        transport.Producer.Should().NotBeNull("the protocol registers itself for write flow control");
    }

    [Fact]
    public void Thresholds_AreValidated_NamingTheBound()
    {
        FluentActions.Invoking(() => new StreamProtocol(pauseReadingThreshold: 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new StreamProtocol(pauseReadingThreshold: 10, resumeReadingThreshold: 11))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*pause threshold (10)*");
    }

    [Fact]
    public void CallsOffTheReactor_ReachTheTransportThroughTheReactorContext()
    {
        var reactor = new MemoryReactorClock();
        var protocol = new StreamProtocol(reactor.SynchronizationContext);
        var transport = new StringTransport();
        protocol.MakeConnection(transport);

        protocol.Stream.Write("posted"u8);
        transport.Value().Should().BeEmpty("the test thread is not the reactor's");

        reactor.Advance(TimeSpan.Zero);
        transport.Value().Should().Equal("posted"u8.ToArray());
    }

    private static async Task<string> ReadMessage(PipeReader input)
    {
        while (true)
        {
            var result = await input.ReadAsync();
            var buffer = result.Buffer;
            if (buffer.Length >= 4)
            {
                int length = BinaryPrimitives.ReadInt32BigEndian(buffer.Slice(0, 4).ToArray());
                if (buffer.Length >= 4 + length)
                {
                    string message = Encoding.UTF8.GetString(buffer.Slice(4, length));
                    input.AdvanceTo(buffer.GetPosition(4 + length));
                    return message;
                }
            }

            if (result.IsCompleted)
            {
                throw new EndOfStreamException($"The stream ended with {buffer.Length} bytes of a partial message.");
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static async Task WriteMessage(PipeWriter output, string message)
    {
        byte[] body = Encoding.UTF8.GetBytes(message);
        BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(4), body.Length);
        output.Advance(4);
        output.Write(body);
        await output.FlushAsync();
    }

    private static async Task<string> ReadToEnd(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        return await reader.ReadToEndAsync();
    }

    private sealed class EventRecorderForStreams : AccumulatingProtocol
    {
        public List<string> Events { get; } = [];

        public override void DataReceived(ReadOnlySpan<byte> data)
        {
            base.DataReceived(data);
            Events.Add("data:" + Encoding.ASCII.GetString(data));
        }

        public override void ConnectionLost(Exception reason)
        {
            base.ConnectionLost(reason);
            Events.Add("lost:" + reason.GetType().Name);
        }
    }
}
