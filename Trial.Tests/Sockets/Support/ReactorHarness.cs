using System.Collections.Concurrent;
using Trial.Addresses;
using Trial.Logging;
using Trial.Protocols;
using Trial.Sockets;
using Trial.Tests.Support;

namespace Trial.Tests.Sockets.Support;

/// <summary>A socket reactor on a background thread, with its errors collected and bounded helpers to reach it.</summary>
internal sealed class ReactorHarness : IDisposable
{
    /// <summary>
    /// The bound on every wait for real socket work: only a hang reaches it. A thousand loopback connections took
    /// 31 s once with both cores ten times oversubscribed, so it leaves room for that.
    /// </summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    public ReactorHarness(SocketReactorOptions? options = null)
    {
        options ??= new SocketReactorOptions();
        options.Log = new QueueObserver(this);
        Reactor = new SocketReactor(options);
        Thread = Reactor.StartOnBackgroundThread();
    }

    public SocketReactor Reactor { get; }

    public SocketReactorThread Thread { get; }

    public ConcurrentQueue<Exception> Errors { get; } = new();

    public ConcurrentQueue<LogEvent> Events { get; } = new();

    private readonly Lock _gate = new();
    private readonly List<(Func<LogEvent, bool> Match, TaskCompletionSource<LogEvent> Done)> _logWaiters = [];

    /// <summary>Completes with the first event, logged before or after the call, that <paramref name="match"/> accepts.</summary>
    public Task<LogEvent> UntilLogged(Func<LogEvent, bool> match)
    {
        lock (_gate)
        {
            if (Events.FirstOrDefault(match) is { } logged)
            {
                return Task.FromResult(logged);
            }

            var done = new TaskCompletionSource<LogEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
            _logWaiters.Add((match, done));
            return done.Task;
        }
    }

    public T Invoke<T>(Func<T> func) => Wait(Reactor.InvokeAsync(func));

    /// <summary>Listens on 127.0.0.1 with <paramref name="server"/> as the one protocol, and connects <paramref name="client"/> to it.</summary>
    public void ConnectLoopback(IProtocol server, IProtocol client)
    {
        int port = Invoke(() => Reactor.ListenTcp(0, Factory.ForProtocol(() => server), host: "127.0.0.1").Port);
        Invoke(() => Reactor.ConnectTcp("127.0.0.1", port, new RecordingClientFactory(() => client)));
    }

    public void Invoke(Action action) => Wait(Reactor.InvokeAsync(action));

    public static T Wait<T>(Task<T> task)
    {
        task.Wait(Limit).Should().BeTrue($"the task should finish within {Limit}");
        return task.Result;
    }

    public static void Wait(Task task)
    {
        task.Wait(Limit).Should().BeTrue($"the task should finish within {Limit}");
    }

    /// <summary>Whether <paramref name="task"/> finishes within <paramref name="limit"/> (a bounded wait that may fail).</summary>
    public static bool FinishesWithin(Task task, TimeSpan limit) => task.Wait(limit);

    public void Dispose() => Thread.Dispose();

    private sealed class QueueObserver(ReactorHarness harness) : ILogObserver
    {
        public void Observe(LogEvent logEvent)
        {
            lock (harness._gate)
            {
                harness.Events.Enqueue(logEvent);
                for (int i = harness._logWaiters.Count - 1; i >= 0; i--)
                {
                    if (harness._logWaiters[i].Match(logEvent))
                    {
                        harness._logWaiters[i].Done.TrySetResult(logEvent);
                        harness._logWaiters.RemoveAt(i);
                    }
                }
            }

            if (logEvent.Exception is { } error)
            {
                harness.Errors.Enqueue(error);
            }
        }
    }
}
