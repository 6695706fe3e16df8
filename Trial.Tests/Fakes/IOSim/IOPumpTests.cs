using System.Text;
using Trial.Addresses;
using Trial.Fakes.IOSim;
using Trial.Fakes.Memory;
using Trial.Fakes.Time;
using Trial.Protocols;
using Trial.Tests.Support;

namespace Trial.Tests.Fakes.IOSim;

public sealed class IOPumpTests
{
    [Fact]
    public void ConnectedServerAndClient_ConnectsBoth_AndExchangesGreetingsByDefault()
    {
        var (client, server, pump) = IOPump.ConnectedServerAndClient(new GreetingProtocol("220 hello"), new GreetingProtocol("EHLO"));

        client.Made.Should().BeTrue();
        server.Made.Should().BeTrue();
        client.Data.Should().Equal("220 hello"u8.ToArray());
        server.Data.Should().Equal("EHLO"u8.ToArray());
        pump.ClientTransport.Protocol.Should().BeSameAs(client);
        pump.ServerTransport.Protocol.Should().BeSameAs(server);
    }

    [Fact]
    public void WithoutGreeting_NothingMoves_UntilPumped()
    {
        var (client, _, pump) = IOPump.ConnectedServerAndClient(
            new GreetingProtocol("220 hello"), new AccumulatingProtocol(), new IOPumpOptions { Greet = false });

        client.Data.Should().BeEmpty();
        pump.Pump().Should().BeTrue();
        client.Data.Should().Equal("220 hello"u8.ToArray());
    }

    [Fact]
    public void Pump_ReturnsWhetherAnythingMoved()
    {
        var (client, _, pump) = IOPump.ConnectedServerAndClient(new AccumulatingProtocol(), new AccumulatingProtocol());

        pump.Pump().Should().BeFalse();
        client.Transport!.Write("x"u8);
        pump.Pump().Should().BeTrue();
        pump.Pump().Should().BeFalse();
    }

    [Fact]
    public void Pump_DeliversWhatWasPendingWhenTheRoundBegan_SoAnEchoTakesTwoRounds()
    {
        var (client, _, pump) = IOPump.ConnectedServerAndClient(new EchoProtocol(), new AccumulatingProtocol());
        client.Transport!.Write("ping"u8);

        pump.Pump();
        client.Data.Should().BeEmpty();
        pump.ServerTransport.BufferedByteCount.Should().Be(4);

        pump.Pump();
        client.Data.Should().Equal("ping"u8.ToArray());
    }

    [Fact]
    public void Flush_ReturnsFalse_WhenNothingMoved_AndTrueWhenSomethingDid()
    {
        var (client, _, pump) = IOPump.ConnectedServerAndClient(new EchoProtocol(), new AccumulatingProtocol());

        pump.Flush().Should().BeFalse();
        client.Transport!.Write("ping"u8);
        pump.Flush().Should().BeTrue();
        client.Data.Should().Equal("ping"u8.ToArray());
    }

    [Fact]
    public void Flush_FailsWithAClearMessage_WhenTheEndsAnswerEachOtherForever()
    {
        var (client, _, pump) = IOPump.ConnectedServerAndClient(new EchoProtocol(), new EchoProtocol(), new IOPumpOptions { Greet = false, MaxFlushRounds = 50 });
        client.Transport!.Write("ping"u8);

        var act = () => pump.Flush();

        act.Should().Throw<InvalidOperationException>().WithMessage("Flush did not settle within 50 rounds*MaxFlushRounds*");
        pump.Rounds.Should().Be(50);
    }

    [Fact]
    public void Trace_WritesAReadableLineForEachDeliveryAndClose()
    {
        var trace = new StringWriter { NewLine = "\n" };
        var (client, _, pump) = IOPump.ConnectedServerAndClient(new EchoProtocol(), new AccumulatingProtocol(), new IOPumpOptions { Trace = trace });

        client.Transport!.Write("GET /\r\n\x01"u8);
        client.Transport.Write(new byte[100]);
        pump.Flush();
        client.Transport.LoseConnection();
        pump.Flush();

        trace.ToString().Should().Be(
            """
            round 2: client -> server 108 bytes in 1 slice: "GET /\r\n\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"...
            round 3: server -> client 108 bytes in 1 slice: "GET /\r\n\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"...
            round 5: client closed the connection

            """);
    }

    [Fact]
    public void Trace_ShowsTheClockTime_WhenAClockIsGiven()
    {
        var trace = new StringWriter { NewLine = "\n" };
        var clock = new Clock();
        var (client, _, pump) = IOPump.ConnectedServerAndClient(
            new AccumulatingProtocol(), new AccumulatingProtocol(), new IOPumpOptions { Trace = trace, Clock = clock, ClockStep = TimeSpan.FromSeconds(1) });

        client.Transport!.Write("hi"u8);
        pump.Pump();

        trace.ToString().Should().EndWith("at 00:00:02: client -> server 2 bytes in 1 slice: \"hi\"\n");
    }

    [Fact]
    public void Pump_AdvancesTheGivenClockByTheStep_BeforeEachRound()
    {
        var clock = new Clock();
        var server = new TickingProtocol(clock, TimeSpan.FromSeconds(1));
        var (client, _, pump) = IOPump.ConnectedServerAndClient(
            server, new AccumulatingProtocol(), new IOPumpOptions { Clock = clock, ClockStep = TimeSpan.FromSeconds(1), Greet = false });

        pump.Pump();
        pump.Pump();
        pump.Pump();

        clock.Now.Should().Be(TimeSpan.FromSeconds(3));
        Encoding.ASCII.GetString(client.Data).Should().Be("tick1tick2", "a tick written in a round's clock step moves in that round");
    }

    [Fact]
    public void RunUntil_JumpsTheClockToTheNextEvent_WhenNothingMoves()
    {
        var clock = new Clock();
        var server = new TickingProtocol(clock, TimeSpan.FromMinutes(30));
        var (client, _, pump) = IOPump.ConnectedServerAndClient(server, new AccumulatingProtocol(), new IOPumpOptions { Clock = clock });

        pump.RunUntil(() => client.Data.Length >= 10);

        Encoding.ASCII.GetString(client.Data).Should().Be("tick1tick2");
        clock.Now.Should().Be(TimeSpan.FromMinutes(60));
    }

    [Fact]
    public void RunUntil_Throws_WhenNothingCanChangeTheCondition()
    {
        var (_, _, pump) = IOPump.ConnectedServerAndClient(new AccumulatingProtocol(), new AccumulatingProtocol());

        var act = () => pump.RunUntil(() => false);

        act.Should().Throw<InvalidOperationException>().WithMessage("*nothing can change it*");
    }

    [Fact]
    public void RunUntil_Throws_AfterTheRoundBound()
    {
        var (client, _, pump) = IOPump.ConnectedServerAndClient(new EchoProtocol(), new EchoProtocol(), new IOPumpOptions { Greet = false, MaxFlushRounds = 20 });
        client.Transport!.Write("ping"u8);

        var act = () => pump.RunUntil(() => false);

        act.Should().Throw<InvalidOperationException>().WithMessage("*after 20 rounds*");
    }

    [Fact]
    public void Start_RunsAwaitContinuationsOnThePumpsClock_InOrder()
    {
        var (client, server, pump) = IOPump.ConnectedServerAndClient(new AccumulatingProtocol(), new AccumulatingProtocol());
        var contexts = new List<bool>();

        var task = pump.Start(async () =>
        {
            await server.WhenMade;
            await Task.Yield();
            contexts.Add(SynchronizationContext.Current == pump.Clock.SynchronizationContext);
            client.Transport!.Write("from async code"u8);
            await Task.Yield();
            contexts.Add(SynchronizationContext.Current == pump.Clock.SynchronizationContext);
            return 42;
        });
        pump.RunUntil(task);

        task.IsCompletedSuccessfully.Should().BeTrue();
        contexts.Should().Equal(true, true);
        pump.Flush();
        server.Data.Should().Equal("from async code"u8.ToArray());
    }

    [Fact]
    public void ContinuationsThatCaptureNoContext_RunInlineDuringThePump_NotOnTheThreadPool()
    {
        var arrived = new TaskCompletionSource();
        var server = new CallbackProtocol(() => arrived.TrySetResult());
        var (client, _, pump) = IOPump.ConnectedServerAndClient(server, new AccumulatingProtocol());
        bool pumpReturned = false;
        var seen = new List<bool>();
        var waiting = WaitWithoutContext();
        client.Transport!.Write("x"u8);

        pump.Pump();
        pumpReturned = true;

        seen.Should().Equal([false], "the continuation ran inside the delivery, before Pump returned");
        waiting.IsCompletedSuccessfully.Should().BeTrue();

        async Task WaitWithoutContext()
        {
            await arrived.Task.ConfigureAwait(false);
            seen.Add(pumpReturned);
        }
    }

    [Fact]
    public void ConnectedServerAndClient_WithFactories_BuildsEachProtocolForThePeersAddress()
    {
        var seen = new List<IAddress>();
        var serverFactory = new Factory(a => { seen.Add(a); return new EchoProtocol(); });
        var clientFactory = new Factory(a => { seen.Add(a); return new AccumulatingProtocol(); });

        var (client, server, pump) = IOPump.ConnectedServerAndClient(serverFactory, clientFactory);
        client.Should().BeOfType<AccumulatingProtocol>();
        server.Should().BeOfType<EchoProtocol>();
        pump.ClientTransport.Write("x"u8);
        pump.Flush();

        seen.Should().Equal(IOPumpOptions.DefaultServerAddress, IOPumpOptions.DefaultClientAddress);
        ((AccumulatingProtocol)client).Data.Should().Equal("x"u8.ToArray());
    }

    [Fact]
    public void ConnectedServerAndClient_WithFactories_Throws_WhenAFactoryRefuses()
    {
        var act = () => IOPump.ConnectedServerAndClient(new Factory(_ => null), Factory.ForProtocol<Protocol>());

        act.Should().Throw<InvalidOperationException>().WithMessage("*server factory*built no protocol*");
    }

    [Fact]
    public void ConnectedServerAndClient_WithDelegates_MakesTheClientFirst()
    {
        var made = new List<string>();

        var (client, server, _) = IOPump.ConnectedServerAndClient(
            () => { made.Add("server"); return new EchoProtocol(); },
            () => { made.Add("client"); return new AccumulatingProtocol(); });

        made.Should().Equal("client", "server");
        client.Transport.Should().NotBeNull();
        server.Transport.Should().NotBeNull();
    }

    [Fact]
    public void Connect_ConnectsTheServerFirst()
    {
        var order = new List<string>();
        var server = new FakeTransport(new MadeProbe("server", order), isServer: true);
        var client = new FakeTransport(new MadeProbe("client", order), isServer: false);

        IOPump.Connect(server, client);

        order.Should().Equal("server", "client");
        client.Invoking(c => IOPump.Connect(server, c)).Should().Throw<InvalidOperationException>().WithMessage("*already connected*");
    }

    [Fact]
    public void Connect_WithAClientAlreadyConnected_LeavesTheServerFreeToConnect()
    {
        var paired = new FakeTransport(new AccumulatingProtocol(), isServer: false);
        IOPump.Connect(new FakeTransport(new EchoProtocol(), isServer: true), paired);
        var server = new FakeTransport(new EchoProtocol(), isServer: true);

        server.Invoking(s => IOPump.Connect(s, paired)).Should().Throw<InvalidOperationException>().WithMessage("*already connected*");

        var client = new AccumulatingProtocol();
        var pump = IOPump.Connect(server, new FakeTransport(client, isServer: false));
        pump.ClientTransport.Write("hi"u8);
        pump.Flush();
        client.Data.Should().Equal("hi"u8.ToArray());
    }

    [Fact]
    public void AnExceptionFromAProtocol_PropagatesOutOfPump_AndTheBytesStayDelivered()
    {
        var (client, server, pump) = IOPump.ConnectedServerAndClient(new ThrowingProtocol(), new AccumulatingProtocol());
        client.Transport!.Write("boom"u8);

        pump.Invoking(p => p.Pump()).Should().Throw<InvalidOperationException>().WithMessage("boom");

        server.Received.Should().Be(4);
        pump.ClientTransport.BufferedByteCount.Should().Be(0);
        pump.Pump().Should().BeFalse();
    }

    [Fact]
    public void Pump_Throws_WhenCalledFromInsideItsOwnRound()
    {
        IOPump? pump = null;
        var server = new CallbackProtocol(() => pump!.Pump());
        (_, _, pump) = IOPump.ConnectedServerAndClient(server, new AccumulatingProtocol(), new IOPumpOptions { Greet = false });
        pump.ClientTransport.Write("x"u8);

        pump.Invoking(p => p.Pump()).Should().Throw<InvalidOperationException>().WithMessage("*inside a callback*");
    }

    [Fact]
    public void TheSameCalls_GiveTheSameDeliveries()
    {
        static string Run()
        {
            var trace = new StringWriter();
            var (client, _, pump) = IOPump.ConnectedServerAndClient(
                new EchoProtocol(), new AccumulatingProtocol(), new IOPumpOptions { Trace = trace, Slicing = Slicing.Random(7, 1, 9) });
            for (int i = 0; i < 20; i++)
            {
                client.Transport!.Write(Encoding.ASCII.GetBytes($"message {i};"));
                pump.Pump();
            }

            pump.Flush();
            return trace + $"calls={client.DataReceivedCalls}";
        }

        Run().Should().Be(Run());
    }

    [Theory]
    [InlineData("whole")]
    [InlineData("bytes")]
    [InlineData("fixed")]
    [InlineData("random")]
    public void LargeEchoes_WithTrailers_AreDeliveredIntact_UnderEverySlicing(string slicing)
    {
        var options = new IOPumpOptions
        {
            Slicing = slicing switch
            {
                "whole" => Slicing.Whole,
                "bytes" => Slicing.ByteByByte,
                "fixed" => Slicing.Fixed(1000),
                _ => Slicing.Random(3, 1, 5000),
            },
        };
        var (client, server, pump) = IOPump.ConnectedServerAndClient(new EchoWithTrailer(), new AccumulatingProtocol(), options);
        var random = new Trial.Randomness.SeededRandom(11);
        var sent = new List<byte>();
        for (int i = 0; i < 5; i++)
        {
            var message = new byte[random.Next(4096, 20_000)];
            foreach (ref byte b in message.AsSpan())
            {
                b = (byte)random.Next(0, 256);
            }

            client.Transport!.Write(message);
            sent.AddRange(message);
            pump.Flush();
        }

        var expected = new List<byte>();
        foreach (var chunk in server.Received)
        {
            expected.AddRange(chunk);
            expected.AddRange("END"u8.ToArray());
        }

        server.Received.SelectMany(c => c).Should().Equal(sent);
        client.Data.Should().Equal(expected);
    }

    [Fact]
    public void Options_RejectOutOfRangeValues_NamingThem()
    {
        var options = new IOPumpOptions();

        options.Invoking(o => o.MaxFlushRounds = 0).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*0*");
        options.Invoking(o => o.ClockStep = TimeSpan.FromSeconds(-1)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*-00:00:01*");
    }

    private sealed class EchoWithTrailer : Protocol
    {
        public List<byte[]> Received { get; } = [];

        public override void DataReceived(ReadOnlySpan<byte> data)
        {
            Received.Add(data.ToArray());
            Transport!.Write(data);
            Transport.Write("END"u8);
        }
    }

    private sealed class TickingProtocol(Clock clock, TimeSpan period) : Protocol
    {
        private int _ticks;

        public override void ConnectionMade() => clock.CallLater(period, Tick);

        private void Tick()
        {
            _ticks++;
            Transport!.Write(Encoding.ASCII.GetBytes($"tick{_ticks}"));
            if (_ticks < 2)
            {
                clock.CallLater(period, Tick);
            }
        }
    }

    private sealed class ThrowingProtocol : Protocol
    {
        public int Received { get; private set; }

        public override void DataReceived(ReadOnlySpan<byte> data)
        {
            Received += data.Length;
            throw new InvalidOperationException("boom");
        }
    }

    private sealed class CallbackProtocol(Action onData) : Protocol
    {
        public override void DataReceived(ReadOnlySpan<byte> data) => onData();
    }

    private sealed class MadeProbe(string name, List<string> order) : Protocol
    {
        public override void ConnectionMade() => order.Add(name);
    }
}
