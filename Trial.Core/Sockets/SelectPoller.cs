using System.Net;
using System.Net.Sockets;

namespace Trial.Sockets;

/// <summary>
/// The portable fallback: <c>Socket.Select</c>, level-triggered, asking each socket's owner what it wants
/// on every wait. A loopback UDP socket that sends to itself wakes the wait. Fine for tests and modest loads on
/// systems without epoll; it scans every socket on every wait, so it does not scale to thousands.
/// </summary>
internal sealed class SelectPoller : Poller
{
    private readonly Dictionary<Socket, IPollable> _items = [];
    private readonly List<Socket> _read = [];
    private readonly List<Socket> _write = [];
    private readonly List<Socket> _error = [];
    private readonly Socket _wake;
    private readonly EndPoint _wakeAddress;
    private readonly byte[] _drain = new byte[64];
    private int _wakePending;

    internal SelectPoller()
    {
        _wake = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { Blocking = false };
        _wake.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _wakeAddress = _wake.LocalEndPoint!;
    }

    internal override void Add(IPollable item) => _items.Add(item.Socket, item);

    internal override void Remove(IPollable item) => _items.Remove(item.Socket);

    internal override void Replace(IPollable previous, IPollable next) => _items[next.Socket] = next;

    internal override void Wait(int timeoutMs, Dispatch dispatch)
    {
        _read.Clear();
        _write.Clear();
        _error.Clear();
        _read.Add(_wake);
        foreach (var (socket, item) in _items)
        {
            if (item.WantsRead)
            {
                _read.Add(socket);
            }

            if (item.WantsWrite)
            {
                _write.Add(socket);
                _error.Add(socket);
            }
        }

        Socket.Select(_read, _write.Count > 0 ? _write : null, _error.Count > 0 ? _error : null, timeoutMs < 0 ? -1 : checked(timeoutMs * 1000));
        var ready = new Dictionary<Socket, PollEvents>();
        foreach (var socket in _read)
        {
            if (socket == _wake)
            {
                Volatile.Write(ref _wakePending, 0);
                while (_wake.Available > 0)
                {
                    _wake.Receive(_drain);
                }

                continue;
            }

            ready[socket] = PollEvents.Readable;
        }

        foreach (var socket in _write)
        {
            ready[socket] = ready.GetValueOrDefault(socket) | PollEvents.Writable;
        }

        foreach (var socket in _error)
        {
            ready[socket] = ready.GetValueOrDefault(socket) | PollEvents.Hangup | PollEvents.Readable | PollEvents.Writable;
        }

        foreach (var (socket, events) in ready)
        {
            if (_items.TryGetValue(socket, out var item))
            {
                dispatch(item.Key, events);
            }
        }
    }

    internal override void Wake()
    {
        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            try
            {
                _wake.SendTo([1], _wakeAddress);
            }
            catch (ObjectDisposedException)
            {
                // The loop has shut down; there is nothing left to wake.
            }
        }
    }

    public override void Dispose() => _wake.Dispose();
}
