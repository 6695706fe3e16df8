using System.Diagnostics;
using Trial.Addresses;
using Trial.Protocols;

namespace Trial.Sockets;

/// <content>
/// The loop's turn: waiting for I/O, then the shared <see cref="Trial.Reactors.EventLoop"/>'s due timers and ready work,
/// then retries and flushes; wake-ups and shutdown.
/// </content>
public sealed partial class SocketReactor
{
    internal void ReportError(Exception error)
    {
        try
        {
            if (_logger is { } logger)
            {
                logger.Failure("Unhandled error in a reactor callback: {Message}", error, error.Message);
                return;
            }

            Console.Error.WriteLine($"Trial.SocketReactor: unhandled error in a callback: {error}");
        }
        catch (Exception sinkError) when (sinkError is not OutOfMemoryException)
        {
            // Reporting must never take the loop down (standard error itself can fail, out of descriptors).
        }
    }

    /// <summary>
    /// Builds the protocol for a new connection, as both ends of a TCP connection do; a factory that throws is
    /// reported and, like one that returns <see langword="null"/>, refuses the connection.
    /// </summary>
    /// <returns>The protocol, or <see langword="null"/> when the connection is refused.</returns>
    internal IProtocol? BuildProtocol(IProtocolFactory factory, IAddress remoteAddress)
    {
        try
        {
            return factory.BuildProtocol(remoteAddress);
        }
        catch (Exception e)
        {
            ReportError(e);
            return null;
        }
    }

    private void Loop()
    {
        while (true)
        {
            if (_stopRequested)
            {
                // The loop keeps serving while the deferreds of the Before triggers are pending.
                _shutdownTriggers.Run(() => _shutdownTriggersDone = true);
                if (_shutdownTriggersDone)
                {
                    break;
                }
            }

            WaitForEvents();
            Interlocked.Exchange(ref _wakePending, 0);
            UpdateNow();
            RunTimers();
            RunReady();
            _retries.RunAll();
            _flushes.RunAll();
        }
    }

    /// <summary>Counts bytes read from sockets in this turn of the loop.</summary>
    internal void CountReceived(int count) => _receivedThisTurn += count;

    /// <summary>
    /// Waits for readiness. Right after a turn that handled a small exchange (under
    /// <see cref="SpinReceiveLimit"/> bytes read), it first polls without blocking for up to
    /// <see cref="SocketReactorOptions.SpinBeforeWait"/>: a peer on another core usually answers a small
    /// message within microseconds, and catching the answer without sleeping in the kernel saves a wake-up per
    /// message. Bulk transfers keep the other cores for the peer instead.
    /// </summary>
    private void WaitForEvents()
    {
        int timeout = ComputeTimeout();
        bool spin = timeout != 0 && _spinTicks > 0 && _dispatched && _receivedThisTurn < SpinReceiveLimit;
        _dispatched = false;
        _receivedThisTurn = 0;
        if (spin)
        {
            long until = MonotonicTicks() + _spinTicks;
            do
            {
                _poller.Wait(0, _dispatch);
            }
            while (!_dispatched && _loop.ReadyCount == 0 && MonotonicTicks() < until);

            if (_dispatched || _loop.ReadyCount != 0)
            {
                return;
            }

            timeout = ComputeTimeout();
        }

        _poller.Wait(timeout, _dispatch);
    }

    private int ComputeTimeout()
    {
        if (_stopRequested || _loop.ReadyCount != 0 || _retries.Count > 0 || _flushes.Count > 0)
        {
            return 0;
        }

        if (!_loop.TryPeekDue(out long due))
        {
            return -1;
        }

        UpdateNow();
        long delta = due - _loop.NowTicks;
        return delta <= 0 ? 0 : (int)Math.Min(int.MaxValue, (delta + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond);
    }

    /// <summary>Moves the loop's time to the monotonic clock; only the loop's thread (or anyone before it runs) may.</summary>
    private void UpdateNow()
    {
        if (_loop.IsOnLoopThread || !_running)
        {
            _loop.MoveTimeTo(MonotonicTicks());
        }
    }

    /// <summary>Reads the current time: on the loop, moving the loop's time; elsewhere, without touching it.</summary>
    private long CurrentTicks()
    {
        UpdateNow();
        return Math.Max(_loop.NowTicks, MonotonicTicks());
    }

    private void RunTimers()
    {
        long now = _loop.NowTicks;
        for (int i = 0; i < MaxTimersPerTurn && _loop.RunNextDue(now); i++)
        {
        }
    }

    // Only what was there at the start: work that posts more work cannot starve the sockets.
    private void RunReady() => _loop.RunReady(_loop.ReadyCount);

    private void Shutdown()
    {
        // Closing may run user code that opens more (a client factory reconnecting): go round a few times.
        for (int round = 0; round < 8; round++)
        {
            if (_ports.Count + _attempts.Count + _connections.Count == 0 && _loop.ReadyCount == 0)
            {
                break;
            }

            foreach (var set in new[] { _ports, _attempts, _connections })
            {
                foreach (var resource in set.ToArray())
                {
                    try
                    {
                        resource.CloseForShutdown();
                    }
                    catch (Exception e)
                    {
                        ReportError(e);
                    }
                }
            }

            RunReady();
        }
    }

    private void WakeLoop()
    {
        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            lock (_wakeGate)
            {
                if (!_pollerClosed)
                {
                    _poller.Wake();
                }
            }
        }
    }

    private void ClosePoller()
    {
        lock (_wakeGate)
        {
            if (!_pollerClosed)
            {
                _pollerClosed = true;
                _poller.Dispose();
            }
        }
    }

    /// <summary>Reads the monotonic clock, in ticks since the reactor was made.</summary>
    private long MonotonicTicks()
    {
        // The real reactor is the one place that reads the monotonic clock: its time is real time.
#pragma warning disable RS0030
        return Stopwatch.GetElapsedTime(_startTimestamp).Ticks;
#pragma warning restore RS0030
    }

    private void Dispatch(long key, PollEvents events)
    {
        _dispatched = true;
        int slot = (int)(key & 0xFFFF_FFFF);
        uint generation = (uint)(key >> 32);
        if ((uint)slot >= (uint)_slots.Length || _slots[slot] is not { } item || _generations[slot] != generation)
        {
            return;
        }

        try
        {
            item.OnEvents(events);
        }
        catch (Exception e)
        {
            ReportError(e);
        }
    }
}
