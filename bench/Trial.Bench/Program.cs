using Trial.Bench.Workloads;

// dotnet run -c Release --project bench/Trial.Bench -- WORKLOAD [SIZE]
// Prints one line per result: trial-WORKLOAD key value ... ending with a rate.
var workloads = new Dictionary<string, Func<string[], int>>(StringComparer.Ordinal)
{
    ["clock"] = ClockWorkload.Run,
    ["faketime-clock"] = FakeTimeClockWorkload.Run,
    ["async-timers"] = AsyncTimersWorkload.Run,
    ["framing"] = FramingWorkload.Run,
    ["iosim-bulk"] = IOSimBulkWorkload.Run,
    ["iosim-lines"] = IOSimLinesWorkload.Run,
    ["tcp-stream"] = TcpStreamWorkload.Run,
    ["tcp-pingpong"] = TcpPingPongWorkload.Run,
    ["tcp-conns"] = TcpConnsWorkload.Run,
    ["tcp-conns-server"] = TcpConnsWorkload.Serve,
    ["sim-heartbeat"] = SimHeartbeatWorkload.Run,
    ["runner"] = RunnerWorkload.Run,
};

if (args.Length == 0 || !workloads.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: Trial.Bench WORKLOAD [SIZE]; workloads: {string.Join(", ", workloads.Keys)}");
    return 2;
}

return run(args[1..]);
