using System.Globalization;
using System.Text;
using Trial.Addresses;
using Trial.Protocols;
using Trial.Reactors;

namespace Trial.Bench.Workloads;

/// <summary>
/// N (default 10,000) concurrent connections to an echo server on another reactor: each sends one line and
/// waits for its echo; when every connection has its echo, all are closed together. Reports failed
/// connections or exchanges, and the descriptors still open afterwards compared with before.
/// </summary>
internal static class TcpConnsWorkload
{
    private const int MaxAttemptsInFlight = 1000;

    public static int Run(string[] args)
    {
        int n = Measure.ParseSize(args, 10_000);

        // One process may hold only so many descriptors (the hard limit here is 20,000, and raising it needs
        // a capability the sandbox withholds), so the echo server runs in a child process of its own.
        ulong limit = DescriptorLimit.Raise((ulong)n + 1024);
        using var server = ServerProcess.Start(n);
        using var tcp = new TrialTcp(separateReactors: false);
        int before = DescriptorLimit.OpenCount();
        var run = new ConnsRun(tcp, server.Port, n);

        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        TrialTcp.Wait(tcp.Client.Reactor.InvokeAsync(run.Start));
        TrialTcp.Wait(run.AllExchanged.Task);
        double seconds = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
        int open = TrialTcp.Wait(tcp.Client.Reactor.InvokeAsync(() => run.Open));
        TrialTcp.Wait(tcp.Client.Reactor.InvokeAsync(run.CloseAll));
        TrialTcp.Wait(run.AllClosed.Task);

        int leaked = Settle(before);
        int serverLeaked = server.Finish();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trial-tcp-conns connections {n} seconds {seconds:F4} rate {n / seconds:F0}/s errors {run.Errors} leaked {Math.Max(0, leaked) + Math.Max(0, serverLeaked)} open-at-peak {open} client-leaked {leaked} server-leaked {serverLeaked} fd-limit {limit}"));
        return run.Errors == 0 && leaked <= 0 && serverLeaked <= 0 ? 0 : 1;
    }

    /// <summary>The child side: an echo server on a reactor; prints its port, then its leaked descriptors when stdin closes.</summary>
    public static int Serve(string[] args)
    {
        int n = Measure.ParseSize(args, 10_000);
        DescriptorLimit.Raise((ulong)n + 1024);
        using var tcp = new TrialTcp(separateReactors: false);
        int before = DescriptorLimit.OpenCount();
        int port = tcp.Listen(() => new TrialTcp.LineEcho());
        Console.WriteLine(port.ToString(CultureInfo.InvariantCulture));
        Console.Out.Flush();
        Console.In.ReadToEnd();

        // The listening socket is one of ours and still open: not a leak.
        Console.WriteLine((Settle(before) - 1).ToString(CultureInfo.InvariantCulture));
        return 0;
    }

    /// <summary>Waits, bounded, for closed connections' descriptors to be released; returns how many more are open than before.</summary>
    private static int Settle(int before)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        int extra = DescriptorLimit.OpenCount() - before;
        while (extra > 0 && System.Diagnostics.Stopwatch.GetElapsedTime(start) < TimeSpan.FromSeconds(5))
        {
            Thread.Yield();
            extra = DescriptorLimit.OpenCount() - before;
        }

        if (extra > 0 && Environment.GetEnvironmentVariable("TRIAL_BENCH_FDS") is not null)
        {
            Console.Error.WriteLine(string.Join(Environment.NewLine, DescriptorLimit.Describe().GroupBy(d => d.Split(':')[0]).Select(g => $"{g.Key} x{g.Count()}")));
        }

        return extra;
    }

    private sealed class ServerProcess : IDisposable
    {
        private readonly System.Diagnostics.Process _process;

        private ServerProcess(System.Diagnostics.Process process, int port)
        {
            _process = process;
            Port = port;
        }

        public int Port { get; }

        public static ServerProcess Start(int n)
        {
            string host = Environment.ProcessPath!;
            var info = new System.Diagnostics.ProcessStartInfo(host) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            {
                info.ArgumentList.Add(typeof(TcpConnsWorkload).Assembly.Location);
            }

            info.ArgumentList.Add("tcp-conns-server");
            info.ArgumentList.Add(n.ToString(CultureInfo.InvariantCulture));
            var process = System.Diagnostics.Process.Start(info)!;
            var line = process.StandardOutput.ReadLineAsync();
            if (!line.Wait(TrialTcp.Limit) || line.Result is null)
            {
                process.Kill();
                throw new InvalidOperationException("The echo server process did not report its port.");
            }

            return new ServerProcess(process, int.Parse(line.Result, CultureInfo.InvariantCulture));
        }

        public int Finish()
        {
            _process.StandardInput.Close();
            var line = _process.StandardOutput.ReadLineAsync();
            return line.Wait(TrialTcp.Limit) && line.Result is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : int.MaxValue;
        }

        public void Dispose()
        {
            if (!_process.WaitForExit(TrialTcp.Limit))
            {
                _process.Kill();
            }

            _process.Dispose();
        }
    }

    private sealed class ConnsRun(TrialTcp tcp, int port, int count)
    {
        private readonly List<Client> _clients = [];
        private int _started;
        private int _exchanged;
        private int _finished;
        private int _inFlight;

        public TaskCompletionSource AllExchanged { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource AllClosed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Errors { get; private set; }

        public int Open { get; private set; }

        public void Start() => StartMore();

        public void CloseAll()
        {
            foreach (var client in _clients)
            {
                client.Transport?.LoseConnection();
            }
        }

        private void StartMore()
        {
            while (_inFlight < MaxAttemptsInFlight && _started < count)
            {
                _started++;
                _inFlight++;
                var client = new Client(this, _started);
                _clients.Add(client);
                tcp.Client.Reactor.ConnectTcp("127.0.0.1", port, new Factory(this, client), TimeSpan.FromSeconds(60));
            }
        }

        private void Exchanged(bool ok)
        {
            _inFlight--;
            if (!ok)
            {
                Errors++;
            }
            else
            {
                Open++;
            }

            if (++_exchanged == count)
            {
                AllExchanged.TrySetResult();
            }

            StartMore();
        }

        private void Finished()
        {
            if (++_finished == count)
            {
                AllClosed.TrySetResult();
            }
        }

        private sealed class Factory(ConnsRun run, Client client) : ClientFactory(_ => client)
        {
            public override void ClientConnectionFailed(IConnector connector, Exception reason)
            {
                client.Fail();
                run.Finished();
            }

            public override void ClientConnectionLost(IConnector connector, Exception reason)
            {
                client.Fail();
                run.Finished();
            }
        }

        private sealed class Client(ConnsRun run, int id) : Protocol
        {
            private readonly TrialTcp.LineSplitter _lines = new();
            private readonly string _line = id.ToString(CultureInfo.InvariantCulture);
            private bool _reported;

            public override void ConnectionMade() => Transport!.Write(Encoding.ASCII.GetBytes(_line + "\n"));

            public override void DataReceived(ReadOnlySpan<byte> data) => _lines.Feed(data, line => Report(Encoding.ASCII.GetString(line) == _line));

            public void Fail() => Report(ok: false);

            private void Report(bool ok)
            {
                if (!_reported)
                {
                    _reported = true;
                    run.Exchanged(ok);
                }
            }
        }
    }
}
