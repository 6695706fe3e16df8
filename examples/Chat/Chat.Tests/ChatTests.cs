using Examples.Testing;
using Trial.Addresses;
using Trial.Fakes.IOSim;

namespace Examples.Chat.Tests;

/// <summary>The chat room on virtual time, each member on its own in-memory connection.</summary>
public sealed class ChatTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);
    private readonly PumpNetwork _network = new(seed: 3);
    private readonly ChatRoom _room;

    public ChatTests() => _room = new ChatRoom(_network.Clock, new ChatOptions());

    [Fact]
    public void Fifty_members_join_hear_each_other_and_see_a_member_leave()
    {
        var members = Enumerable.Range(0, 50).Select(i => Join($"member{i}").Client).ToList();
        _network.RunUntil(() => members.All(m => m.Received.Any(l => l.StartsWith("* Welcome, ", StringComparison.Ordinal))), Limit);

        members[0].Say("hello, everyone");
        _network.RunUntil(() => members.Skip(1).All(m => m.Received.Contains("<member0> hello, everyone")), Limit);
        members[0].Say("/quit");
        _network.RunUntil(() => !members[0].Connected && members.Skip(1).All(m => m.Received.Contains("* member0 has left")), Limit);

        members[0].Received.Should().NotContain(l => l.StartsWith("<member0>", StringComparison.Ordinal), "nobody hears their own lines back");
        members[0].Received.Should().EndWith("* Goodbye");
        members[0].Connected.Should().BeFalse();
        members[49].Received.Should().Contain(l => l.StartsWith("* Welcome, member49. Online: member0, member1, ", StringComparison.Ordinal));
        members[0].Received.Count(l => l.EndsWith(" has joined", StringComparison.Ordinal)).Should().Be(49, "member0 saw everyone after it join");
        _room.Nicknames.Should().HaveCount(49).And.NotContain("member0");
    }

    [Fact]
    public void A_nickname_must_be_free_and_well_formed()
    {
        var first = Join("alice").Client;
        var second = Join("alice").Client;
        _network.RunUntil(() => second.Received.Count == 2, Limit);
        second.Say("not a nick");
        second.Say("bob");
        _network.RunUntil(() => second.Received.Count == 4, Limit);

        second.Received.Should().Equal(
            "* Welcome! Choose a nickname:",
            "! alice is taken; choose another:",
            "! A nickname is 1 to 32 letters, digits, '-' or '_'; choose another:",
            "* Welcome, bob. Online: alice, bob");
        first.Received.Should().Contain("* bob has joined");
    }

    [Fact]
    public void A_line_over_the_limit_closes_only_that_connection()
    {
        var (rude, _) = Join("rude");
        var (polite, _) = Join("polite");
        _network.RunUntil(() => polite.Received.Count == 2, Limit);

        polite.Say(new string('y', 512));
        _network.RunUntil(() => rude.Received.Count == 4, Limit);
        rude.Say(new string('x', 513));
        _network.RunUntil(() => !rude.Connected, Limit);

        rude.Received.Should().Contain("! Line too long: the limit is 512 bytes");
        rude.Received.Should().Contain("<polite> " + new string('y', 512), "a line of exactly the limit is fine");
        polite.Received.Should().Contain("* rude has left (line too long)");
        polite.Connected.Should().BeTrue();
        _room.Nicknames.Should().Equal("polite");
    }

    [Fact]
    public void A_slow_member_throttles_nobody_else()
    {
        const int Lines = 1000;
        var every = TimeSpan.FromMilliseconds(10);
        var (slow, slowPump) = Join("slow");
        var (talker, _) = Join("talker");
        var listeners = Enumerable.Range(0, 8).Select(i => Join($"listener{i}").Client).ToList();
        _network.RunUntil(() => listeners.All(o => o.Received.Count >= 2), Limit);
        int lateLines = 0, heardByListeners = 0;
        var start = _network.Clock.Now;
        foreach (var listener in listeners)
        {
            listener.LineArrived += line =>
            {
                if (line.StartsWith("<talker> line ", StringComparison.Ordinal))
                {
                    heardByListeners++;
                    int sent = int.Parse(line.AsSpan(14, 4), System.Globalization.CultureInfo.InvariantCulture);
                    lateLines += _network.Clock.Now == start + (every * (sent / 10)) ? 0 : 1;
                }
            };
        }

        slowPump.ClientTransport.PauseProducing();
        for (int i = 0; i < Lines; i++)
        {
            string line = $"line {i:D4} " + new string('.', 90);
            _network.Clock.CallLater(every * (i / 10), () => talker.Say(line));
        }

        _network.RunUntil(() => heardByListeners == Lines * listeners.Count, Limit);

        lateLines.Should().Be(0, "every listener got every line at the instant it was said, slow member or not");
        slowPump.ServerTransport.BufferedByteCount.Should().BeLessThanOrEqualTo(FakeTransport.DefaultHighWaterMark + 200, "the server stops writing to a member over its high water mark");

        slowPump.ClientTransport.ResumeProducing();
        talker.Say("after the flood");
        _network.RunUntil(() => slow.Received.Contains("<talker> after the flood"), Limit);
        var heard = slow.Received.Count(l => l.StartsWith("<talker> line", StringComparison.Ordinal));
        heard.Should().BeInRange(1, Lines - 1);
        slow.Received.Should().Contain($"! {Lines - heard} messages were dropped: you read too slowly to keep up");
        slow.Received.ToList().IndexOf("<talker> after the flood").Should().BeGreaterThan(slow.Received.ToList().IndexOf($"! {Lines - heard} messages were dropped: you read too slowly to keep up"));
    }

    [Fact]
    public void A_partitioned_member_times_out_and_is_removed()
    {
        var (lost, lostPump) = Join("lost");
        var stayers = Enumerable.Range(0, 3).Select(i => Join($"stayer{i}").Client).ToList();
        _network.RunUntil(() => stayers.All(s => s.Received.Count >= 2) && lost.Received.Count >= 4, Limit);
        var partitioned = _network.Clock.Now;

        _network.Partition(lostPump);
        _network.RunUntil(() => !_room.Nicknames.Contains("lost"), Limit);

        (_network.Clock.Now - partitioned).Should().Be(new ChatOptions().IdleTimeout, "the idle timeout runs from the member's last line, its nickname");
        _network.RunUntil(() => stayers.All(s => s.Received.Contains("* lost has left (timed out)")), Limit);
        _room.Nicknames.Should().Equal("stayer0", "stayer1", "stayer2");

        _network.RunFor(TimeSpan.FromMinutes(5));
        _room.Nicknames.Should().HaveCount(3, "members that answer pings stay, however long they are silent");
        lost.Connected.Should().BeTrue("the partition hides the abort from the lost member until it heals");

        _network.Heal(lostPump);
        _network.RunUntil(() => !lost.Connected, Limit);
    }

    private (ChatClient Client, IOPump Pump) Join(string nickname)
    {
        var client = new ChatClient(nickname);
        var pump = _network.Connect(_room.BuildProtocol(new TcpAddress("10.0.0.2", 40000))!, client);
        return (client, pump);
    }
}
