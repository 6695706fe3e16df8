namespace Trial.Tests.Support;

/// <summary>
/// Measures what the calling thread allocates, as the least over several windows of the same work: an allocation
/// per line or per message shows in every window, while a one-off allocation the runtime makes on the thread
/// meanwhile (a cache built on first use, a stub installed as code tiers up, which a loaded machine delays into the
/// measured loop) shows in one window at most.
/// </summary>
internal static class Allocations
{
    public static long Least(int windows, Action work)
    {
        long least = long.MaxValue;
        for (int i = 0; i < windows; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            work();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }

    public static async Task<long> LeastAsync(int windows, Func<Task> work)
    {
        long least = long.MaxValue;
        for (int i = 0; i < windows; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            await work();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
