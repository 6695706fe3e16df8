using System.Globalization;
using Trial.Logging;

namespace Trial.Sockets;

/// <summary>Settings of a <see cref="SocketReactor"/>.</summary>
public sealed class SocketReactorOptions
{
    private int _highWaterMark = 64 * 1024;
    private int _lowWaterMark = 16 * 1024;
    private int _readBufferSize = 64 * 1024;
    private int _threadPoolSize = 10;
    private TimeSpan _closeLingerTimeout = TimeSpan.FromSeconds(5);
    private TimeSpan _spinBeforeWait = TimeSpan.FromMicroseconds(50);

    /// <summary>
    /// Gets or sets the log that receives an error event for each exception thrown by protocol callbacks, timers,
    /// posted work and shutdown triggers (the connection whose protocol threw is aborted; everything else keeps
    /// running). A test runner observes it to fail the test that caused the error.
    /// </summary>
    /// <value>The default, <see langword="null"/>, writes each error to standard error.</value>
    /// <remarks>Events are published on the reactor's thread, with the reactor's time as their timestamp.</remarks>
    public ILogObserver? Log { get; set; }

    /// <summary>Gets or sets the write-buffer size above which a registered push producer is paused.</summary>
    /// <value>The default is 64 KiB.</value>
    public int WriteBufferHighWaterMark
    {
        get => _highWaterMark;
        set => _highWaterMark = Positive(value, nameof(WriteBufferHighWaterMark));
    }

    /// <summary>Gets or sets the write-buffer size at or below which a paused push producer is resumed.</summary>
    /// <value>The default is 16 KiB; it must not exceed <see cref="WriteBufferHighWaterMark"/> (checked when the reactor is made).</value>
    public int WriteBufferLowWaterMark
    {
        get => _lowWaterMark;
        set => _lowWaterMark = value >= 0 ? value : throw Range(nameof(WriteBufferLowWaterMark), value, "must not be negative");
    }

    /// <summary>Gets or sets the size of the buffer each read fills, the largest chunk <c>DataReceived</c> sees.</summary>
    /// <value>The default is 64 KiB.</value>
    public int ReadBufferSize
    {
        get => _readBufferSize;
        set => _readBufferSize = Positive(value, nameof(ReadBufferSize));
    }

    /// <summary>Gets or sets how many <c>DeferToThread</c> work items may run at once.</summary>
    /// <value>The default is 10.</value>
    public int ThreadPoolSize
    {
        get => _threadPoolSize;
        set => _threadPoolSize = Positive(value, nameof(ThreadPoolSize));
    }

    /// <summary>
    /// Gets or sets how long a gracefully closed connection keeps draining the peer's unread input before its
    /// socket is closed; draining keeps the kernel from answering late input with a reset that could destroy
    /// data the peer has not read yet.
    /// </summary>
    /// <value>The default is 5 seconds.</value>
    public TimeSpan CloseLingerTimeout
    {
        get => _closeLingerTimeout;
        set => _closeLingerTimeout = value >= TimeSpan.Zero ? value : throw Range(nameof(CloseLingerTimeout), value, "must not be negative");
    }

    /// <summary>
    /// Gets or sets how long the loop polls without blocking, right after a turn that handled I/O, before it
    /// sleeps in the kernel: it trades a little CPU for the latency of a wake-up when a peer answers quickly.
    /// </summary>
    /// <value>The default is 50 microseconds; zero never spins.</value>
    public TimeSpan SpinBeforeWait
    {
        get => _spinBeforeWait;
        set => _spinBeforeWait = value >= TimeSpan.Zero && value <= TimeSpan.FromSeconds(1)
            ? value
            : throw Range(nameof(SpinBeforeWait), value, "must be between zero and one second");
    }

    /// <summary>
    /// Gets or sets a value indicating whether to use the portable poller (<c>Socket.Select</c>) even where epoll exists.
    /// </summary>
    /// <value>The default is <see langword="false"/>: epoll on Linux, the portable poller elsewhere.</value>
    public bool UsePortablePoller { get; set; }

    internal void Validate()
    {
        if (_lowWaterMark > _highWaterMark)
        {
            throw new ArgumentOutOfRangeException(nameof(WriteBufferLowWaterMark), _lowWaterMark, string.Create(CultureInfo.InvariantCulture, $"The low water mark ({_lowWaterMark}) must not exceed the high water mark ({_highWaterMark})."));
        }
    }

    private static int Positive(int value, string name) => value > 0 ? value : throw Range(name, value, "must be positive");

    private static ArgumentOutOfRangeException Range(string name, object value, string rule) =>
        new(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} {rule}, but was {value}."));
}
