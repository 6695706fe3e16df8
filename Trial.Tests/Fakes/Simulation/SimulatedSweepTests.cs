using Trial.Errors;
using Trial.Fakes.Memory;
using Trial.Fakes.Simulation;
using Trial.Protocols;
using Trial.Randomness;

namespace Trial.Tests.Fakes.Simulation;

public sealed class SimulatedSweepTests
{
    private const int Seeds = 200;

    [Fact]
    public void NoDataLost_ForManySeeds_WithRandomSlicingLatencyJitterBandwidthAndHealingPartitions()
    {
        var coverage = new FaultCoverage();
        for (ulong seed = 1; seed <= Seeds; seed++)
        {
            var setup = new SeededRandom(seed * 7919);
            int minSegment = setup.Next(1, 50);
            var link = new LinkOptions
            {
                MinSegmentSize = minSegment,
                MaxSegmentSize = minSegment + setup.Next(0, 1500),
                Latency = TimeSpan.FromMilliseconds(setup.Next(0, 50)),
                Jitter = TimeSpan.FromMilliseconds(setup.Next(0, 20)),
                BandwidthBytesPerSecond = setup.Next(0, 2) == 0 ? null : setup.Next(10_000, 1_000_000),
            };
            var net = new SimulatedNetwork(seed, new NetworkOptions { DefaultLink = link });
            var server = new AccumulatingProtocol();
            var client = new AccumulatingProtocol();
            net.AddHost("server", startup: h => h.ListenTcp(80, Factory.ForProtocol(() => server)));
            net.AddHost("client", startup: h => h.ConnectTcp("server", 80, ClientFactory.ForProtocol(() => client)));
            net.RunUntil(() => client.Made, TimeSpan.FromMinutes(1));

            var sent = new MemoryStream();
            int writes = setup.Next(5, 40);
            var at = net.Now;
            for (int i = 0; i < writes; i++)
            {
                var chunk = new byte[setup.Next(1, 2000)];
                for (int j = 0; j < chunk.Length; j++)
                {
                    chunk[j] = (byte)setup.NextUInt64();
                }

                sent.Write(chunk);
                at += TimeSpan.FromMilliseconds(setup.Next(0, 200));
                net.At(at, _ => client.Transport!.Write(chunk));
            }

            net.At(at, _ => client.Transport!.LoseConnection());
            for (int p = setup.Next(0, 3); p > 0; p--)
            {
                var start = TimeSpan.FromMilliseconds(setup.Next(0, 5000));
                var duration = TimeSpan.FromMilliseconds(setup.Next(1, 20_000));
                net.At(net.Now + start, n => n.Partition(["client"], ["server"]));
                net.At(net.Now + start + duration, n => n.Heal());
            }

            net.RunUntilIdle(TimeSpan.FromHours(1));

            server.Data.Should().Equal(sent.ToArray(), "seed {0} must deliver every byte in order exactly once", seed);
            server.ClosedReason.Should().BeOfType<ConnectionDoneException>("seed {0}", seed);
            client.ClosedReason.Should().BeOfType<ConnectionDoneException>("seed {0}", seed);
            coverage.Add(net.FaultCoverage);
        }

        coverage[FaultKind.Partition].Should().BeGreaterThan(Seeds / 2);
    }

    [Fact]
    public void ChaosScenario_IsDeterministicPerSeedAndDiffersAcrossSeeds()
    {
        var results = DeterminismCheck.Run(Enumerable.Range(1, Seeds).Select(i => (ulong)i), ChaosHeartbeats);

        results.Where(r => !r.IsDeterministic).Should().BeEmpty();
        results.Select(r => r.FirstHash).Distinct().Should().HaveCount(Seeds, "different seeds give different traces");
        var coverage = new FaultCoverage();
        foreach (var result in results)
        {
            coverage.Add(result.Coverage);
        }

        foreach (var kind in new[] { FaultKind.Partition, FaultKind.Clog, FaultKind.LatencySpike, FaultKind.ResetConnection, FaultKind.ProcessCrash, FaultKind.MachineCrash, FaultKind.Restart })
        {
            coverage[kind].Should().BeGreaterThan(0, "chaos must really inject {0} ({1})", kind, coverage);
        }
    }

    [Fact]
    public void DeterminismCheck_ReportsTheFirstDifferingEventOfANondeterministicScenario()
    {
        int run = 0;
        var result = DeterminismCheck.Run(1, net =>
        {
            var host = net.AddHost("a");
            host.CallLater(TimeSpan.FromSeconds(++run), () => { });
            net.RunUntilIdle(TimeSpan.FromMinutes(1));
        });

        result.IsDeterministic.Should().BeFalse();
        result.Difference!.First!.Value.Time.Should().Be(TimeSpan.FromSeconds(1));
        result.Difference.Second!.Value.Time.Should().Be(TimeSpan.FromSeconds(2));
        result.ToString().Should().Contain("NOT deterministic").And.Contain("TimerFired");
        var verify = () => DeterminismCheck.Verify([1], net => net.AddHost("x" + run++));
        verify.Should().Throw<NondeterminismException>().Which.Result!.Seed.Should().Be(1);
    }

    private static void ChaosHeartbeats(SimulatedNetwork net)
    {
        _ = new HeartbeatCluster(net, "a", "b", "c", "d");
        net.StartChaos(new ChaosOptions
        {
            Duration = TimeSpan.FromSeconds(50),
            PartitionsPerMinute = 2,
            ClogsPerMinute = 2,
            LatencySpikesPerMinute = 2,
            ResetsPerMinute = 2,
            ProcessCrashesPerMinute = 1,
            MachineCrashesPerMinute = 1,
        });
        net.RunFor(TimeSpan.FromSeconds(60));
    }
}
