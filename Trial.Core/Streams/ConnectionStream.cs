using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Trial.Streams;

/// <summary>
/// A <see cref="StreamProtocol"/>'s connection as a <see cref="Stream"/>: reads take arrived bytes from the input
/// pipe, writes flush through the output writer, and disposing closes the connection.
/// </summary>
/// <remarks>
/// The async methods use pooled value-task builders: their completion runs a continuation that captured no
/// context inline, whatever context is current, where a task would send it to the thread pool.
/// </remarks>
internal sealed class ConnectionStream(StreamProtocol owner, PipeReader input, TransportPipeWriter output) : Stream
{
    private bool _disposed;

    /// <inheritdoc/>
    public override bool CanRead => !_disposed;

    /// <inheritdoc/>
    public override bool CanWrite => !_disposed;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException("A connection has no length.");

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException("A connection has no position.");
        set => throw new NotSupportedException("A connection cannot seek.");
    }

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException and not IOException)
            {
                throw Lost(e);
            }

            if (TryCopy(result, buffer.Span, out int read))
            {
                return read;
            }

            if (result.IsCanceled)
            {
                throw new OperationCanceledException("The pending read was cancelled.");
            }
        }
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">Nothing has arrived and the stream has not ended: a blocking read would deadlock the reactor.</exception>
    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ReadResult result;
        try
        {
            if (!input.TryRead(out result))
            {
                throw new InvalidOperationException($"No bytes have arrived from {owner.Transport?.RemoteAddress} and the stream has not ended; a synchronous read would block the reactor's thread. Use ReadAsync.");
            }
        }
        catch (Exception e) when (e is not InvalidOperationException and not IOException)
        {
            throw Lost(e);
        }

        return TryCopy(result, buffer, out int read) ? read : 0;
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        output.Write(buffer.Span);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    /// <remarks>Hands the bytes to the transport at once, without waiting for its buffer to drain.</remarks>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        output.Write(buffer);
        _ = output.FlushAsync();
    }

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    /// <remarks>Writes already reach the transport; this does nothing.</remarks>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    /// <remarks>Completes when the transport's write buffer is under its high water mark.</remarks>
    public override Task FlushAsync(CancellationToken cancellationToken) => output.FlushAsync(cancellationToken).AsTask();

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A connection cannot seek.");

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException("A connection has no length.");

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            owner.CloseFromStream();
        }

        base.Dispose(disposing);
    }

    private static IOException Lost(Exception reason) => new($"The connection was lost: {reason.Message}", reason);

    /// <summary>Copies what the read result holds into <paramref name="destination"/>; false when it held nothing and the stream goes on.</summary>
    private bool TryCopy(ReadResult result, Span<byte> destination, out int read)
    {
        var buffer = result.Buffer;
        if (buffer.IsEmpty)
        {
            input.AdvanceTo(buffer.End);
            read = 0;
            return result.IsCompleted;
        }

        read = (int)Math.Min(buffer.Length, destination.Length);
        var taken = buffer.Slice(0, read);
        taken.CopyTo(destination);
        input.AdvanceTo(taken.End);
        return true;
    }
}
