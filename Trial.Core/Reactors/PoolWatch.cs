using System.Diagnostics.Tracing;

namespace Trial.Reactors;

/// <summary>
/// Sees each item queued to the thread pool from a loop's flow, from the moment it is queued to the end of the item,
/// through the runtime's own thread-pool events: the window between a worker taking an item and entering its context,
/// which counting the threads inside the flow cannot see, is closed.
/// </summary>
/// <remarks>
/// <para>
/// The runtime's framework event source reports each thread-pool enqueue on the enqueuing thread, before the item can
/// be taken, and each dequeue on the worker, before the item runs; a listener hears both synchronously. An enqueue
/// from a thread whose flow carries a loop's mark (see <see cref="EscapedWork"/>) is that loop's, and counts as
/// queued. At its dequeue the worker is put in the item's context (the loop's, for an item queued with the flow
/// suppressed), so the item runs inside the flow, counted as a thread, until the pool resets the thread after it.
/// An item the pool never dequeues (a blocking wait ran it inline) is forgotten once the whole pool is idle.
/// </para>
/// <para>
/// Items are matched by the identity hash the event reports, so two items with the same hash can be confused; that
/// takes a collision of a 26-bit hash while the loop's item waits in the queue. The watch is process-wide because
/// the pool is, starts with the first loop that tracks escaped work, and lasts as long as the process.
/// </para>
/// </remarks>
internal sealed class PoolWatch : EventListener
{
    private const string SourceName = "System.Diagnostics.Eventing.FrameworkEventSource";
    private const int EnqueueEvent = 30;
    private const int DequeueEvent = 31;
    private const EventKeywords ThreadPoolKeyword = (EventKeywords)2;

    private static readonly Lock Gate = new();
    private static readonly Dictionary<long, Entry> Items = [];
    private static readonly Lazy<bool> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int s_items;
    private static volatile bool s_logging;

    [ThreadStatic]
    private static bool t_probing;

    [ThreadStatic]
    private static EscapedWork? t_item;

    [ThreadStatic]
    private static ExecutionContext? t_itemContext;

    /// <summary>Gets a value indicating whether the pool's enqueues and dequeues are being heard.</summary>
    internal static bool IsLive => s_logging;

    /// <summary>Starts the watch, once per process, and waits (bounded) until the pool reports its enqueues.</summary>
    /// <returns>Whether the pool's events are heard; without them only the threads in a flow are counted.</returns>
    internal static bool EnsureStarted() => Started.Value;

    /// <summary>
    /// Called on a pool thread that leaves <paramref name="owner"/>'s flow for no context at all: when the thread
    /// runs an item of that loop's, taken off the pool's queue, and is still inside a task there, returns the item's
    /// context so the thread can stay in the flow until the item is done.
    /// </summary>
    /// <remarks>
    /// The pool runs a task's delegate in the task's context, then resets the thread to no context and only then
    /// completes the task, which runs the continuations that were waiting for it (an <c>await</c> of
    /// <c>Task.Run</c>). Between the reset and the moment a continuation enters its own context, the thread does the
    /// loop's work outside the loop's flow; put back in the item's context, it is counted until the pool resets it
    /// once more when the item is done, where no task is current any longer. Continuations that run with no context
    /// of their own then see the item's.
    /// </remarks>
    internal static ExecutionContext? StayInFlow(EscapedWork owner) =>
        ReferenceEquals(t_item, owner) && Task.CurrentId is not null ? t_itemContext : null;

    /// <summary>Forgets every item of <paramref name="owner"/> still recorded as queued: the pool is idle, so they ran (inlined by a blocking wait).</summary>
    /// <returns>How many were forgotten.</returns>
    internal static int Forget(EscapedWork owner)
    {
        lock (Gate)
        {
            int forgotten = 0;
            foreach (long id in Items.Keys.ToArray())
            {
                Entry? kept = null;
                for (var entry = Items[id]; entry is not null; entry = entry.Next)
                {
                    if (ReferenceEquals(entry.Owner, owner))
                    {
                        forgotten++;
                    }
                    else
                    {
                        kept = new Entry(entry.Owner, entry.Context, kept);
                    }
                }

                if (kept is null)
                {
                    Items.Remove(id);
                }
                else
                {
                    Items[id] = kept;
                }
            }

            s_items -= forgotten;
            owner.Forgotten(forgotten);
            return forgotten;
        }
    }

    /// <summary>Gets how many of <paramref name="owner"/>'s items wait in the pool's queue.</summary>
    internal static int QueuedFor(EscapedWork owner)
    {
        lock (Gate)
        {
            int count = 0;
            foreach (var head in Items.Values)
            {
                for (var entry = head; entry is not null; entry = entry.Next)
                {
                    count += ReferenceEquals(entry.Owner, owner) ? 1 : 0;
                }
            }

            return count;
        }
    }

    /// <inheritdoc/>
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == SourceName)
        {
            EnableEvents(eventSource, EventLevel.Verbose, ThreadPoolKeyword);
        }
    }

    /// <inheritdoc/>
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventId == EnqueueEvent)
        {
            OnEnqueued(eventData);
        }
        else if (eventData.EventId == DequeueEvent)
        {
            OnDequeued(eventData);
        }
    }

    private static bool Start()
    {
        // The pool re-reads whether to report its work at the start of each dispatch, so a probe item is queued
        // until its enqueue is heard; each probe's dispatch makes the next enqueue reported.
        _ = new PoolWatch();
        using var ran = new ManualResetEventSlim();
        for (int attempt = 0; attempt < 20 && !s_logging; attempt++)
        {
            ran.Reset();
            t_probing = true;
            try
            {
                ThreadPool.UnsafeQueueUserWorkItem(static state => ((ManualResetEventSlim)state!).Set(), ran);
            }
            finally
            {
                t_probing = false;
            }

            if (!ran.Wait(TimeSpan.FromSeconds(10)))
            {
                break;
            }
        }

        return s_logging;
    }

    private static long IdOf(EventWrittenEventArgs eventData) =>
        eventData.Payload is [long id, ..] ? id : 0;

    private static void OnEnqueued(EventWrittenEventArgs eventData)
    {
        if (t_probing)
        {
            s_logging = true;
            return;
        }

        if (EscapedWork.Current is not { } owner)
        {
            return;
        }

        // The context the item carries, or (queued with the flow suppressed) the loop's own.
        var context = ExecutionContext.Capture() ?? owner.FlowContext;
        if (context is null)
        {
            return;
        }

        long id = IdOf(eventData);
        lock (Gate)
        {
            Items[id] = new Entry(owner, context, Items.GetValueOrDefault(id));
            s_items++;
            owner.Queued();
        }
    }

    private static void OnDequeued(EventWrittenEventArgs eventData)
    {
        t_item = null;
        t_itemContext = null;
        if (Volatile.Read(ref s_items) == 0)
        {
            return;
        }

        long id = IdOf(eventData);
        Entry? entry;
        lock (Gate)
        {
            if (!Items.TryGetValue(id, out entry))
            {
                return;
            }

            if (entry.Next is null)
            {
                Items.Remove(id);
            }
            else
            {
                Items[id] = entry.Next;
            }

            s_items--;
        }

        // The worker enters the loop's flow before the item runs (the switch counts it), and leaves it when the pool
        // resets the thread after the item: the item counts from its enqueue to its end, with no gap. An item that
        // enters a context of its own switches within the flow, which changes nothing.
        t_item = entry.Owner;
        t_itemContext = entry.Context;
        ExecutionContext.Restore(entry.Context);
        entry.Owner.Started();
    }

    private sealed class Entry(EscapedWork owner, ExecutionContext context, Entry? next)
    {
        internal EscapedWork Owner { get; } = owner;

        internal ExecutionContext Context { get; } = context;

        internal Entry? Next { get; } = next;
    }
}
