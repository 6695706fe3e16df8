using System.Text;
using Trial.Fakes.IOSim;
using Trial.Fakes.Time;
using static Trial.Tests.Support.TaskResults;

namespace Trial.Tests.Fakes.IOSim;

public sealed class IOPumpStreamsTests
{
    [Fact]
    public void ConnectedStreams_CarryBytesBothWays_SlicedByteByByte()
    {
        var (client, server, pump) = IOPump.ConnectedStreams(new IOPumpOptions { Slicing = Slicing.ByteByByte });

        var serving = pump.Start(async () =>
        {
            using var reader = new StreamReader(server.Stream, leaveOpen: true);
            string? line = await reader.ReadLineAsync();
            await server.Stream.WriteAsync(Encoding.ASCII.GetBytes($"got {line}\n"));
            await server.Stream.DisposeAsync();
        });
        var asking = pump.Start(async () =>
        {
            await client.Stream.WriteAsync("a line\n"u8.ToArray());
            using var reader = new StreamReader(client.Stream);
            return await reader.ReadToEndAsync();
        });
        pump.RunUntil(() => serving.IsCompleted && asking.IsCompleted);

        serving.IsCompletedSuccessfully.Should().BeTrue();
        SuccessResultOf(asking).Should().Be("got a line\n");
    }

    [Fact]
    public void ConnectedStreams_OnAGivenClock_RunAwaitsAtItsVirtualTimes()
    {
        var clock = new Clock();
        var (client, server, pump) = IOPump.ConnectedStreams(new IOPumpOptions { Clock = clock });
        var arrivals = new List<TimeSpan>();

        var sending = pump.Start(async () =>
        {
            for (int i = 0; i < 3; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), clock.TimeProvider);
                await client.Pipe.Output.WriteAsync(new byte[] { (byte)i });
            }

            await client.Pipe.Output.CompleteAsync();
        });
        var receiving = pump.Start(async () =>
        {
            var buffer = new byte[8];
            while (await server.Stream.ReadAsync(buffer) > 0)
            {
                arrivals.Add(clock.Now);
            }
        });
        pump.RunUntil(() => sending.IsCompleted && receiving.IsCompleted);

        arrivals.Should().Equal(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void ConnectedStreams_UseTheOptionsAddresses()
    {
        var (client, server, _) = IOPump.ConnectedStreams();

        client.Transport!.RemoteAddress.Should().Be(IOPumpOptions.DefaultServerAddress);
        server.Transport!.RemoteAddress.Should().Be(IOPumpOptions.DefaultClientAddress);
    }
}
