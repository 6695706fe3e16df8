using Trial.Protocols;

namespace Trial.Tests.Sockets.Support;

/// <summary>Records what arrives and how the connection ends, with tasks a test can wait on from any thread.</summary>
internal class RecordingProtocol : Protocol
{
    private readonly Lock _gate = new();
    private readonly MemoryStream _received = new();
    private readonly List<(long Count, TaskCompletionSource Done)> _waiters = [];

    public TaskCompletionSource Made { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<Exception> Lost { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Reads { get; private set; }

    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _received.Length;
            }
        }
    }

    public byte[] Received
    {
        get
        {
            lock (_gate)
            {
                return _received.ToArray();
            }
        }
    }

    public Task UntilReceived(long count)
    {
        lock (_gate)
        {
            if (_received.Length >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return done.Task;
        }
    }

    public override void ConnectionMade()
    {
        base.ConnectionMade();
        Made.TrySetResult();
    }

    public override void DataReceived(ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            Reads++;
            _received.Write(data);
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_received.Length >= _waiters[i].Count)
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    public override void ConnectionLost(Exception reason)
    {
        base.ConnectionLost(reason);
        Lost.TrySetResult(reason);
    }
}
