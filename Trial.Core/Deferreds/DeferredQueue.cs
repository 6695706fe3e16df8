using System.Globalization;

namespace Trial.Deferreds;

/// <summary>
/// A queue for callback code (Twisted's <c>DeferredQueue</c>): <see cref="Get"/> returns a deferred that fires
/// with the next item, at once if one is waiting.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>Not thread-safe: like deferreds, a queue belongs to one reactor thread.</remarks>
public sealed class DeferredQueue<T>
{
    private readonly Queue<T> _pending = new();
    private readonly LinkedList<Deferred<T>> _waiting = new();

    /// <summary>Initializes a queue.</summary>
    /// <param name="size">The most items it holds while nobody is waiting, or <see langword="null"/> for no limit.</param>
    /// <param name="backlog">The most gets that may wait for an item, or <see langword="null"/> for no limit.</param>
    /// <exception cref="ArgumentOutOfRangeException">A limit is negative.</exception>
    public DeferredQueue(int? size = null, int? backlog = null)
    {
        Size = CheckLimit(size, nameof(size));
        Backlog = CheckLimit(backlog, nameof(backlog));
    }

    /// <summary>Gets the most items the queue holds while nobody is waiting, or <see langword="null"/> for no limit.</summary>
    public int? Size { get; }

    /// <summary>Gets the most gets that may wait for an item, or <see langword="null"/> for no limit.</summary>
    public int? Backlog { get; }

    /// <summary>Gets the number of items waiting to be got.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Gets the number of gets waiting for an item.</summary>
    public int WaitingCount => _waiting.Count;

    /// <summary>Adds an item: the oldest waiting get receives it, or it waits in the queue.</summary>
    /// <param name="item">The item.</param>
    /// <exception cref="QueueOverflowException">Nobody is waiting and the queue already holds <see cref="Size"/> items.</exception>
    public void Put(T item)
    {
        if (_waiting.First is { } next)
        {
            _waiting.RemoveFirst();
            next.Value.Callback(item);
        }
        else if (Size is null || _pending.Count < Size)
        {
            _pending.Enqueue(item);
        }
        else
        {
            throw new QueueOverflowException(string.Create(CultureInfo.InvariantCulture, $"The DeferredQueue already holds its size of {Size} items; {item} was not added."));
        }
    }

    /// <summary>Takes the next item.</summary>
    /// <returns>
    /// A deferred that fires with the item: at once if one is waiting. Cancelling it before then withdraws the get.
    /// </returns>
    /// <exception cref="QueueUnderflowException">The queue is empty and <see cref="Backlog"/> gets already wait.</exception>
    public Deferred<T> Get()
    {
        if (_pending.TryDequeue(out var item))
        {
            return Deferred.Succeed(item);
        }

        if (Backlog is not null && _waiting.Count >= Backlog)
        {
            throw new QueueUnderflowException(string.Create(CultureInfo.InvariantCulture, $"The DeferredQueue already has its backlog of {Backlog} gets waiting."));
        }

        var got = new Deferred<T>(waiter => ConcurrencyPrimitive.Forget(_waiting, waiter));
        _waiting.AddLast(got);
        return got;
    }

    private static int? CheckLimit(int? limit, string name) =>
        limit < 0
            ? throw new ArgumentOutOfRangeException(name, limit, string.Create(CultureInfo.InvariantCulture, $"A DeferredQueue limit must not be negative, but {name} was {limit}."))
            : limit;
}
