using System.Buffers;
using System.IO.Pipelines;
using Examples.KeyValue.Resp;

namespace Examples.KeyValue.Client;

/// <summary>
/// One connection of a <see cref="KeyValueClient"/>: writes requests in order, reads replies in a loop and hands
/// each to the oldest request waiting. When the connection ends, every waiting request fails.
/// </summary>
internal sealed class ClientConnection : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Queue<TaskCompletionSource<RespReply>> _waiting = new();
    private readonly CancellationTokenSource _closed = new();
    private Exception? _failure;

    public ClientConnection(Stream stream)
    {
        _stream = stream;
        Completion = ReadRepliesAsync();
    }

    /// <summary>Gets a task that completes when the connection has ended (it never fails).</summary>
    public Task Completion { get; }

    /// <summary>Gets a token cancelled when the connection ends.</summary>
    public CancellationToken Closed => _closed.Token;

    /// <summary>Sends <paramref name="request"/> and returns its reply.</summary>
    /// <exception cref="KeyValueConnectionException">The connection ended before the reply arrived.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the reply, if it comes, is dropped.</exception>
    public async Task<RespReply> SendAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<RespReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_waiting)
            {
                if (_failure is not null)
                {
                    throw Lost(_failure);
                }

                _waiting.Enqueue(reply);
            }

            // Not cancellable: a request cut halfway would garble every request after it.
            await _stream.WriteAsync(request, CancellationToken.None).ConfigureAwait(false);
            await _stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            Abort(e);
            throw Lost(e);
        }
        finally
        {
            _writeLock.Release();
        }

        return await reply.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the connection at once, even one nothing arrives on; waiting requests fail with <paramref name="reason"/>.</summary>
    public void Abort(Exception reason)
    {
        lock (_waiting)
        {
            _failure ??= reason;
        }

        _stream.Dispose();
        _closed.Cancel();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Abort(new ObjectDisposedException(nameof(KeyValueClient)));
        await Completion.ConfigureAwait(false);
    }

    private static KeyValueConnectionException Lost(Exception cause) =>
        new($"The connection to the server was lost before the reply arrived: {cause.Message}", cause);

    private async Task ReadRepliesAsync()
    {
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        Exception reason = new EndOfStreamException("The server closed the connection.");
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_closed.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (RespReplyParser.TryRead(ref buffer, out var reply))
                {
                    TaskCompletionSource<RespReply>? waiting;
                    lock (_waiting)
                    {
                        _waiting.TryDequeue(out waiting);
                    }

                    if (waiting is null)
                    {
                        throw new RespProtocolException($"the server sent a reply nobody asked for: {reply}");
                    }

                    waiting.TrySetResult(reply);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception e)
        {
            reason = e;
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            lock (_waiting)
            {
                _failure ??= reason;
                while (_waiting.TryDequeue(out var waiting))
                {
                    waiting.TrySetException(Lost(_failure));
                }
            }

            _stream.Dispose();
            _closed.Cancel();
        }
    }
}
