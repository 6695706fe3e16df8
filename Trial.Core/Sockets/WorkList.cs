namespace Trial.Sockets;

/// <summary>
/// Items queued for one more pass at the end of a loop turn (a retry, a flush). A pass takes the whole batch at
/// once, so items queued again during it wait for the next turn; the two lists swap so no pass allocates.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class WorkList<T>
{
    private readonly Action<T> _run;
    private readonly Action<Exception> _onError;
    private List<T> _queued = [];
    private List<T> _running = [];

    /// <summary>Initializes a list whose pass runs <paramref name="run"/> on each item and reports what it throws to <paramref name="onError"/>.</summary>
    internal WorkList(Action<T> run, Action<Exception> onError)
    {
        _run = run;
        _onError = onError;
    }

    /// <summary>Gets the number of items waiting for the next pass.</summary>
    internal int Count => _queued.Count;

    /// <summary>Queues an item for the next pass; the caller keeps an item from being queued twice.</summary>
    internal void Add(T item) => _queued.Add(item);

    /// <summary>Runs every item queued before the pass began.</summary>
    internal void RunAll()
    {
        if (_queued.Count == 0)
        {
            return;
        }

        (_queued, _running) = (_running, _queued);
        foreach (var item in _running)
        {
            try
            {
                _run(item);
            }
            catch (Exception e)
            {
                _onError(e);
            }
        }

        _running.Clear();
    }
}
