using System.Buffers.Binary;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Trial.Sockets;

/// <summary>
/// Linux epoll, edge-triggered: each socket is registered once for input and output, so pausing and resuming
/// never costs an <c>epoll_ctl</c>; the owners remember what was ready. An eventfd wakes the wait.
/// </summary>
internal sealed unsafe class EpollPoller : Poller
{
    private const long WakeKey = -1;
    private const int MaxEvents = 256;
    private readonly int _epoll;
    private readonly int _wakeFd;
    private readonly int _eventSize = LinuxNative.EpollEventSize;
    private readonly int _dataOffset = LinuxNative.EpollDataOffset;
    private readonly byte[] _events;
    private bool _disposed;

    internal EpollPoller()
    {
        _events = GC.AllocateArray<byte>(MaxEvents * _eventSize, pinned: true);
        _epoll = LinuxNative.EpollCreate1(LinuxNative.EpollCloExec);
        if (_epoll < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "epoll_create1 failed.");
        }

        _wakeFd = LinuxNative.EventFd(0, LinuxNative.EfdNonBlock | LinuxNative.EfdCloExec);
        if (_wakeFd < 0)
        {
            int error = Marshal.GetLastPInvokeError();
            LinuxNative.Close(_epoll);
            throw new Win32Exception(error, "eventfd failed.");
        }

        Control(LinuxNative.EpollCtlAdd, _wakeFd, LinuxNative.EpollIn | LinuxNative.EpollEt, WakeKey);
    }

    /// <summary>Gets a value indicating whether epoll is usable here.</summary>
    internal static bool IsSupported => OperatingSystem.IsLinux()
        && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    internal override void Add(IPollable item) => Control(
        LinuxNative.EpollCtlAdd,
        (int)item.Socket.Handle,
        LinuxNative.EpollIn | LinuxNative.EpollOut | LinuxNative.EpollRdHup | LinuxNative.EpollEt,
        item.Key);

    internal override void Remove(IPollable item)
    {
        // Closing the descriptor would also drop it from the set; removing it first keeps a stale event away.
        byte* ev = stackalloc byte[16];
        LinuxNative.EpollCtl(_epoll, LinuxNative.EpollCtlDel, (int)item.Socket.Handle, ev);
    }

    internal override void Replace(IPollable previous, IPollable next)
    {
        // Same descriptor, same key: the registration carries over as it is.
    }

    internal override void Wait(int timeoutMs, Dispatch dispatch)
    {
        int count;
        fixed (byte* events = _events)
        {
            count = LinuxNative.EpollWait(_epoll, events, MaxEvents, timeoutMs);
        }

        if (count < 0)
        {
            int error = Marshal.GetLastPInvokeError();
            if (error == LinuxNative.EIntr)
            {
                return;
            }

            throw new Win32Exception(error, "epoll_wait failed.");
        }

        for (int i = 0; i < count; i++)
        {
            var entry = _events.AsSpan(i * _eventSize, _eventSize);
            uint flags = BinaryPrimitives.ReadUInt32LittleEndian(entry);
            long key = BinaryPrimitives.ReadInt64LittleEndian(entry[_dataOffset..]);
            if (key == WakeKey)
            {
                ulong value;
                LinuxNative.Read(_wakeFd, &value, sizeof(ulong));
                continue;
            }

            var events = PollEvents.None;
            if ((flags & (LinuxNative.EpollIn | LinuxNative.EpollRdHup)) != 0)
            {
                events |= PollEvents.Readable;
            }

            if ((flags & LinuxNative.EpollOut) != 0)
            {
                events |= PollEvents.Writable;
            }

            if ((flags & (LinuxNative.EpollErr | LinuxNative.EpollHup | LinuxNative.EpollRdHup)) != 0)
            {
                events |= PollEvents.Hangup;
            }

            dispatch(key, events);
        }
    }

    internal override void Wake()
    {
        ulong one = 1;
        LinuxNative.Write(_wakeFd, &one, sizeof(ulong));
    }

    public override void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        LinuxNative.Close(_wakeFd);
        LinuxNative.Close(_epoll);
    }

    private void Control(int op, int fd, uint flags, long key)
    {
        byte* ev = stackalloc byte[16];
        *(uint*)ev = flags;
        *(long*)(ev + _dataOffset) = key;
        if (LinuxNative.EpollCtl(_epoll, op, fd, ev) < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"epoll_ctl({op}) on descriptor {fd} failed.");
        }
    }
}
