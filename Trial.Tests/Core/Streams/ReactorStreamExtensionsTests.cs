using System.Text;
using Trial.Addresses;
using Trial.Errors;
using Trial.Fakes.IOSim;
using Trial.Fakes.Memory;
using Trial.Reactors;
using Trial.Streams;
using Trial.Tests.Support;
using static Trial.Tests.Support.TaskResults;

namespace Trial.Tests.Core.Streams;

/// <summary>
/// The async connect and accept over a reactor on virtual time: a memory reactor whose attempts a
/// <see cref="ConnectionCompleter"/> completes through in-memory pumps.
/// </summary>
public sealed class ReactorStreamExtensionsTests
{
    private readonly MemoryReactorClock _reactor = new();
    private readonly List<IOPump> _pumps = [];

    [Fact]
    public void ConnectAsync_AndAcceptAsync_EchoThroughStreams()
    {
        var serving = OnLoop(async () =>
        {
            await using var listener = await _reactor.ListenStreamsAsync(7000);
            await StreamEcho.ServeOneAsync(listener);
        });
        var asking = OnLoop(async () =>
        {
            var client = await _reactor.ConnectAsync("server", 7000);
            await client.Stream.WriteAsync("hello streams"u8.ToArray());
            var echoed = new byte[13];
            await client.Stream.ReadExactlyAsync(echoed);
            await client.Pipe.Output.CompleteAsync();
            int end = await client.Stream.ReadAsync(new byte[1]);
            return (Encoding.ASCII.GetString(echoed), end);
        });

        RunUntil(() => serving.IsCompleted && asking.IsCompleted);

        serving.IsCompletedSuccessfully.Should().BeTrue();
        SuccessResultOf(asking).Should().Be(("hello streams", 0));
    }

    [Fact]
    public void ConnectAsync_WhenTheAttemptFails_FailsWithItsReason()
    {
        var connecting = OnLoop(() => _reactor.ConnectAsync("server", 7000));

        _reactor.Advance(TimeSpan.Zero);
        new ConnectionCompleter(_reactor).FailOnce();
        _reactor.Advance(TimeSpan.Zero);

        FailureResultOf(connecting).Should().BeOfType<ConnectionRefusedException>();
    }

    [Fact]
    public void ConnectAsync_Cancelled_StopsTheAttempt()
    {
        using var cancel = new CancellationTokenSource();
        var connecting = OnLoop(() => _reactor.ConnectAsync("server", 7000, cancellationToken: cancel.Token));
        _reactor.Advance(TimeSpan.Zero);

        cancel.Cancel();
        _reactor.Advance(TimeSpan.Zero);

        connecting.IsCanceled.Should().BeTrue();
        _reactor.Connectors.Should().ContainSingle().Which.State.Should().Be(ConnectorState.Disconnected);
    }

    [Fact]
    public void ConnectAsync_PassesTheTimeoutToTheReactor()
    {
        OnLoop(() => _reactor.ConnectAsync("server", 7000, timeout: TimeSpan.FromSeconds(3)));
        _reactor.Advance(TimeSpan.Zero);

        _reactor.TcpClients.Should().ContainSingle().Which.Timeout.Should().Be(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void ListenStreamsAsync_OnTheLoop_ListensAtOnce()
    {
        var listening = OnLoop(() => _reactor.ListenStreamsAsync(7000, "10.0.0.1"));

        SuccessResultOf(listening).LocalAddress.Should().Be(new TcpAddress("10.0.0.1", 7000));
        _reactor.TcpServers.Should().ContainSingle().Which.Port.Should().Be(7000);
    }

    [Fact]
    public void DisposingTheListener_StopsListening_AndClosesConnectionsNeverAccepted()
    {
        var listening = OnLoop(() => _reactor.ListenStreamsAsync(7000));
        var connecting = OnLoop(() => _reactor.ConnectAsync("server", 7000));
        RunUntil(() => connecting.IsCompleted);

        var listener = SuccessResultOf(listening);
        var client = SuccessResultOf(connecting);
        var ending = OnLoop(async () =>
        {
            await listener.DisposeAsync();
            return await client.Stream.ReadAsync(new byte[1]);
        });
        RunUntil(() => ending.IsCompleted);

        SuccessResultOf(ending).Should().Be(0, "the listener closed the connection nobody accepted");
        _reactor.TcpServers.Should().BeEmpty();
    }

    [Fact]
    public void AcceptAsync_AfterDispose_Throws()
    {
        var listener = SuccessResultOf(OnLoop(() => _reactor.ListenStreamsAsync(7000)));
        OnLoop(async () => await listener.DisposeAsync());

        var accepting = listener.AcceptAsync();

        FailureResultOf(accepting).Should().BeOfType<System.Threading.Channels.ChannelClosedException>();
    }

    /// <summary>Starts async code on the reactor's loop, so its awaits resume there.</summary>
    private T OnLoop<T>(Func<T> start)
        where T : Task
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_reactor.SynchronizationContext);
        try
        {
            return start();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private void RunUntil(Func<bool> condition)
    {
        var completer = new ConnectionCompleter(_reactor);
        for (int step = 0; step < 10_000 && !condition(); step++)
        {
            _reactor.Advance(TimeSpan.Zero);
            while (completer.SucceedOnce() is { } pump)
            {
                _pumps.Add(pump);
            }

            foreach (var pump in _pumps)
            {
                pump.Pump();
            }
        }

        condition().Should().BeTrue("the scenario should finish");
    }
}
