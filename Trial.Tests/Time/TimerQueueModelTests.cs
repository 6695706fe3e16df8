using Trial.Fakes.Time;
using Trial.Time;

namespace Trial.Tests.Time;

/// <summary>Checks the timer queue against a sorted list, the simplest model of the same semantics.</summary>
public sealed class TimerQueueModelTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TenThousandRandomOperations_FireInTheSameOrderAtTheSameTimesAsASortedList(int seed)
    {
        var random = new Random(seed);
        var clock = new Clock();
        var model = new List<ModelCall>();
        var live = new List<(int Id, IDelayedCall Call)>();
        var actual = new List<(int Id, long Ticks)>();
        var expected = new List<(int Id, long Ticks)>();
        long sequence = 0;
        int nextId = 0;

        for (int op = 0; op < 10_000; op++)
        {
            int kind = random.Next(100);
            if (kind < 40 || live.Count == 0)
            {
                int id = nextId++;
                long delay = RandomDelay(random);
                var call = clock.CallLater(TimeSpan.FromTicks(delay), () => actual.Add((id, clock.Now.Ticks)));
                live.Add((id, call));
                model.Add(new ModelCall(id, clock.Now.Ticks + delay, sequence++));
            }
            else if (kind < 52)
            {
                var (id, call) = TakeRandom(random, live);
                call.Cancel();
                model.RemoveAll(m => m.Id == id);
            }
            else if (kind < 64)
            {
                var (id, call) = live[random.Next(live.Count)];
                long delay = RandomDelay(random);
                call.Reset(TimeSpan.FromTicks(delay));
                Replace(model, id, clock.Now.Ticks + delay, sequence++);
            }
            else if (kind < 72)
            {
                var (id, call) = live[random.Next(live.Count)];
                long extra = RandomDelay(random);
                var entry = model.Single(m => m.Id == id);
                call.Delay(TimeSpan.FromTicks(extra));
                Replace(model, id, entry.Due + extra, sequence++);
            }
            else
            {
                long amount = random.Next(4) == 0 ? 0 : random.NextInt64(0, 40_000_000);
                long target = clock.Now.Ticks + amount;
                clock.Advance(TimeSpan.FromTicks(amount));
                foreach (var fired in model.Where(m => m.Due <= target).OrderBy(m => m.Due).ThenBy(m => m.Sequence).ToList())
                {
                    expected.Add((fired.Id, fired.Due));
                    model.Remove(fired);
                }

                live.RemoveAll(l => l.Call.Called);
                actual.Should().Equal(expected, $"after operation {op}");
            }

            clock.GetDelayedCalls().Select(c => c.Time.Ticks)
                .Should().Equal(model.OrderBy(m => m.Due).ThenBy(m => m.Sequence).Select(m => m.Due), $"after operation {op}");
        }

        clock.RunUntilIdle(TimeSpan.FromDays(365));
        expected.AddRange(model.OrderBy(m => m.Due).ThenBy(m => m.Sequence).Select(m => (m.Id, m.Due)));
        actual.Should().Equal(expected);
        actual.Count.Should().BeGreaterThan(2000, "the run must exercise firing, not only scheduling");
    }

    [Fact]
    public void CallsOnBothSidesOfABucketBoundary_RunInTimeOrder()
    {
        var clock = new Clock();
        var order = new List<long>();
        long boundary = 1L << TimerQueue.BucketShift;
        foreach (long due in new[] { boundary + 1, boundary, boundary - 1, 3 * boundary, 2 * boundary - 1, 2 * boundary })
        {
            clock.CallLater(TimeSpan.FromTicks(due), () => order.Add(clock.Now.Ticks));
        }

        clock.Advance(TimeSpan.FromTicks(boundary));
        clock.CallLater(TimeSpan.Zero, () => order.Add(-clock.Now.Ticks));
        clock.Advance(TimeSpan.FromTicks(3 * boundary));

        order.Should().Equal(boundary - 1, boundary, -boundary, boundary + 1, (2 * boundary) - 1, 2 * boundary, 3 * boundary);
    }

    [Fact]
    public void CallsNearTheLargestRepresentableTime_RunInOrder()
    {
        var clock = new Clock();
        var order = new List<string>();
        clock.CallLater(TimeSpan.MaxValue, () => order.Add("max"));
        clock.CallLater(TimeSpan.MaxValue - TimeSpan.FromTicks(1), () => order.Add("max-1"));
        clock.CallLater(TimeSpan.FromDays(1), () => order.Add("day"));

        clock.AdvanceTo(TimeSpan.MaxValue);

        order.Should().Equal("day", "max-1", "max");
        clock.Now.Should().Be(TimeSpan.MaxValue);
    }

    [Fact]
    public void AHundredThousandCalls_CancelledInsideAndOutsideTheNearHeap_LeaveNothingBehind()
    {
        var clock = new Clock();
        var calls = new List<IDelayedCall>();
        int fired = 0;
        for (int i = 0; i < 100_000; i++)
        {
            calls.Add(clock.CallLater(TimeSpan.FromMilliseconds(i % 5000), () => fired++));
        }

        clock.Advance(TimeSpan.FromMilliseconds(2500));
        int firedEarly = fired;
        foreach (var call in calls.Where(c => c.Active))
        {
            call.Cancel();
        }

        clock.Advance(TimeSpan.FromHours(1));

        firedEarly.Should().Be(20 * 2501);
        fired.Should().Be(firedEarly);
        clock.PendingCallCount.Should().Be(0);
        clock.GetDelayedCalls().Should().BeEmpty();
    }

    private static long RandomDelay(Random random) => random.Next(10) switch
    {
        0 => 0,
        1 => random.Next(3) * 10_000_000L,
        2 => random.NextInt64(0, 1L << 34),
        _ => random.NextInt64(0, 60_000_000),
    };

    private static (int Id, IDelayedCall Call) TakeRandom(Random random, List<(int Id, IDelayedCall Call)> live)
    {
        int index = random.Next(live.Count);
        var item = live[index];
        live.RemoveAt(index);
        return item;
    }

    private static void Replace(List<ModelCall> model, int id, long due, long sequence)
    {
        model.RemoveAll(m => m.Id == id);
        model.Add(new ModelCall(id, due, sequence));
    }

    private sealed record ModelCall(int Id, long Due, long Sequence);
}
