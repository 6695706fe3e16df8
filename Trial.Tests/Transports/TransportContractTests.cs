using System.Text;
using Trial.Tests.Sockets.Support;
using Trial.Transports;

namespace Trial.Tests.Transports;

/// <summary>
/// The rules every <see cref="ITransport"/> follows, checked on each transport Trial has from one set of tests.
/// A new transport joins with one line in <see cref="Ends"/>.
/// </summary>
[Collection(SocketCollection.Name)]
public sealed class TransportContractTests
{
    private static readonly Dictionary<string, Func<IConnectedEnd>> Ends = new()
    {
        ["StringTransport"] = StringTransportEnd.Open,
        ["IOPump"] = IOPumpEnd.Open,
        ["SocketReactor"] = SocketReactorEnd.Open,
        ["SimulatedNetwork"] = SimulatedNetworkEnd.Open,
    };

    public static TheoryData<string> Transports => new(Ends.Keys);

    [Theory]
    [MemberData(nameof(Transports))]
    public void WriteAfterLoseConnection_IsDropped(string transport)
    {
        using var end = Ends[transport]();

        end.Run(t =>
        {
            t.Write("before"u8);
            t.LoseConnection();
            t.Write("after"u8);
            t.WriteSequence(["again"u8.ToArray()]);
        });

        Text(end.ReceivedByPeerUntilClosed()).Should().Be("before");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void WriteAfterLoseConnection_WhileAProducerIsRegistered_IsDeliveredUntilItUnregisters(string transport)
    {
        using var end = Ends[transport]();

        end.Run(t =>
        {
            t.RegisterProducer(new IdlePullProducer(), streaming: false);
            t.Write("before"u8);
            t.LoseConnection();
            t.Write("-during"u8);
            t.UnregisterProducer();
            t.Write("-after"u8);
        });

        Text(end.ReceivedByPeerUntilClosed()).Should().Be("before-during");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void WriteAfterAbortConnection_IsDropped(string transport)
    {
        using var end = Ends[transport]();

        end.Run(t =>
        {
            t.AbortConnection();
            t.Write("after"u8);
        });

        Text(end.ReceivedByPeerUntilClosed()).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void LoseConnection_SetsDisconnecting(string transport)
    {
        using var end = Ends[transport]();
        bool before = true;
        bool after = false;

        end.Run(t =>
        {
            before = t.Disconnecting;
            t.LoseConnection();
            after = t.Disconnecting;
        });

        before.Should().BeFalse();
        after.Should().BeTrue();
        end.ReceivedByPeerUntilClosed();
    }

    private static string Text(byte[] bytes) => Encoding.ASCII.GetString(bytes);

    /// <summary>A pull producer with nothing more to give: the transport may ask, and it writes nothing.</summary>
    private sealed class IdlePullProducer : IPullProducer
    {
        public void ResumeProducing()
        {
        }

        public void StopProducing()
        {
        }
    }
}
