namespace Examples.Echo;

/// <summary>One echo in flight: the buffer its bytes come back into, and the task that waits for them.</summary>
internal sealed class PendingEcho(int length)
{
    private readonly byte[] _received = new byte[length];
    private readonly TaskCompletionSource<byte[]> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _filled;

    /// <summary>Gets the task that completes with the echoed bytes.</summary>
    public Task<byte[]> Task => _done.Task;

    /// <summary>Copies as much of <paramref name="data"/> as this echo still expects.</summary>
    /// <returns>How many bytes were taken.</returns>
    public int Fill(ReadOnlySpan<byte> data)
    {
        int take = Math.Min(data.Length, _received.Length - _filled);
        data[..take].CopyTo(_received.AsSpan(_filled));
        _filled += take;
        return take;
    }

    /// <summary>Completes the task if every byte is back.</summary>
    /// <returns>Whether the echo is complete.</returns>
    public bool TryComplete() => _filled == _received.Length && _done.TrySetResult(_received);

    /// <summary>Fails the task with the reason the connection ended.</summary>
    public void Fail(Exception reason) => _done.TrySetException(reason);
}
