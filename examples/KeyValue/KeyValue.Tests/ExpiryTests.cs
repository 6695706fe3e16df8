using Examples.KeyValue.Server;
using Examples.Testing;

namespace Examples.KeyValue.Tests;

/// <summary>Expiry runs on the reactor's time: on a virtual clock, half an hour passes in no wall time at all.</summary>
public sealed class ExpiryTests
{
    private readonly PumpNetwork _network = new(seed: 7);
    private readonly KeyValueStore _store;
    private readonly RespProbe _client = new();

    public ExpiryTests()
    {
        _store = new KeyValueStore(_network.Clock);
        _network.Connect(new KeyValueServerFactory(_store).BuildProtocol(null!)!, _client);
    }

    [Fact]
    public void A_key_set_with_EX_1800_expires_after_30_virtual_minutes()
    {
        Exchange(["SET", "session", "alice", "EX", "1800"]).Should().Be("+OK");

        _network.Clock.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromTicks(1));
        Exchange(["GET", "session"]).Should().Be("\"alice\"");
        Exchange(["TTL", "session"]).Should().Be(":0", "less than half a second is left");

        _network.Clock.Advance(TimeSpan.FromTicks(1));
        Exchange(["GET", "session"]).Should().Be("(nil)");
        Exchange(["TTL", "session"]).Should().Be(":-2");
        _store.Count.Should().Be(0, "the expired key is removed at its due time, not when next read");
        _network.Clock.PendingCallCount.Should().Be(0);
    }

    [Fact]
    public void PX_expires_to_the_millisecond_and_TTL_rounds_to_seconds()
    {
        Exchange(["SET", "k", "v", "PX", "1500"]).Should().Be("+OK");
        Exchange(["TTL", "k"]).Should().Be(":2");

        _network.Clock.Advance(TimeSpan.FromMilliseconds(1499));
        Exchange(["GET", "k"]).Should().Be("\"v\"");
        _network.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Exchange(["GET", "k"]).Should().Be("(nil)");
    }

    [Fact]
    public void SET_without_EX_clears_the_expiry_and_INCR_keeps_it()
    {
        Exchange(["SET", "plain", "1", "EX", "10"]).Should().Be("+OK");
        Exchange(["SET", "plain", "2"]).Should().Be("+OK");
        Exchange(["SET", "counter", "41", "EX", "10"]).Should().Be("+OK");
        Exchange(["INCR", "counter"]).Should().Be(":42");

        Exchange(["TTL", "plain"]).Should().Be(":-1");
        Exchange(["TTL", "counter"]).Should().Be(":10");
        _network.Clock.Advance(TimeSpan.FromSeconds(10));
        Exchange(["GET", "plain"]).Should().Be("\"2\"", "the first SET's expiry was cancelled");
        Exchange(["GET", "counter"]).Should().Be("(nil)");
    }

    [Fact]
    public void EXPIRE_sets_a_new_time_to_live_and_zero_deletes()
    {
        Exchange(["SET", "a", "1"]).Should().Be("+OK");
        Exchange(["SET", "b", "1"]).Should().Be("+OK");

        Exchange(["EXPIRE", "a", "60"]).Should().Be(":1");
        Exchange(["EXPIRE", "b", "0"]).Should().Be(":1");
        Exchange(["EXPIRE", "missing", "60"]).Should().Be(":0");

        Exchange(["EXISTS", "a"]).Should().StartWith("-ERR unknown command 'EXISTS'");
        Exchange(["GET", "b"]).Should().Be("(nil)");
        _network.Clock.Advance(TimeSpan.FromMinutes(1));
        Exchange(["GET", "a"]).Should().Be("(nil)");
    }

    [Fact]
    public void Pipelined_commands_are_answered_in_order()
    {
        _client.SendRaw("*3\r\n$3\r\nSET\r\n$1\r\nn\r\n$1\r\n5\r\nINCR n\r\nINCR n\r\n*2\r\n$3\r\nGET\r\n$1\r\nn\r\nINCR nope nope\r\nPING\r\n");

        _network.RunUntil(() => _client.Replies.Count == 6, TimeSpan.FromSeconds(1));

        _client.Replies.Should().Equal("+OK", ":6", ":7", "\"7\"", "-ERR wrong number of arguments for 'incr' command", "+PONG");
    }

    [Fact]
    public void A_protocol_error_is_answered_then_the_connection_closes()
    {
        _client.SendRaw("*1\r\n$x\r\n");

        _network.RunUntil(() => !_client.Connected, TimeSpan.FromSeconds(1));

        _client.Replies.Should().Equal("-ERR Protocol error: invalid bulk length 'x'");
    }

    private string Exchange(string[] command)
    {
        int before = _client.Replies.Count;
        _client.Send(command);
        _network.RunUntil(() => _client.Replies.Count > before, TimeSpan.Zero);
        return _client.Replies[^1];
    }
}
