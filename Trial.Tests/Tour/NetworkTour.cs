using Trial.Fakes.Simulation;
using Trial.Framing;
using Trial.Streams;
using Xunit;

namespace Trial.Tests.Tour;

public sealed class NetworkTour
{
    [Fact]
    public async Task A_line_sent_across_a_partition_arrives_after_the_heal()
    {
        var network = new SimulatedNetwork(seed: 42);
        var server = network.AddHost("server");
        var client = network.AddHost("client");
        string? received = null;

        await network.RunUntil(async () =>
        {
            var listener = await server.ListenStreamsAsync(7000);
            var connecting = client.ConnectAsync("server", 7000);
            var accepted = await listener.AcceptAsync();
            var connection = await connecting;

            network.Partition(["client"], ["server"]);
            network.At(TimeSpan.FromSeconds(10), n => n.Heal());

            await connection.Stream.WriteAsync("hello\r\n"u8.ToArray());
            using var lines = new LineReader(accepted.Pipe.Input);
            received = await lines.ReadLineAsync();
        }, TimeSpan.FromMinutes(1));

        Assert.Equal("hello", received);
        Assert.True(network.Clock.Now >= TimeSpan.FromSeconds(10));   // the line waited for the heal
        Assert.Equal(1L, network.FaultCoverage[FaultKind.Partition]);

        // Hosts as lifelines, bytes as arrows, faults marked: open it in a browser.
        using var diagram = File.Create(Path.Combine(Path.GetTempPath(), "partition.svg"));
        network.Trace.WriteSequenceDiagram(diagram);
    }
}
