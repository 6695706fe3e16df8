namespace Trial.Deferreds;

/// <content>Combinators over several deferreds.</content>
public abstract partial class Deferred
{
    /// <summary>
    /// Returns a deferred for the results of all <paramref name="deferreds"/>, in list order, that fails as soon as
    /// one of them fails (Twisted's <c>gatherResults</c>).
    /// </summary>
    /// <typeparam name="T">The deferreds' result type.</typeparam>
    /// <param name="deferreds">The deferreds; an empty list fires at once with no results.</param>
    /// <param name="consumeErrors">Turn each failure into <see langword="null"/> in its own deferred once gathered, so it is not reported twice.</param>
    /// <returns>
    /// The deferred. Its failure is a <see cref="FirstErrorException"/> naming the index and failure of the first
    /// deferred to fail. Cancelling it cancels every deferred in the list.
    /// </returns>
    public static Deferred<IReadOnlyList<T>> GatherResults<T>(IEnumerable<Deferred<T>> deferreds, bool consumeErrors = false) =>
        DeferredList.Create(deferreds, fireOnOneErrback: true, consumeErrors)
            .Then(outcomes => (IReadOnlyList<T>)outcomes.Select(static outcome => outcome.Value!).ToArray());

    /// <summary>
    /// Returns a deferred for the first of <paramref name="deferreds"/> to succeed, with its index; the moment one
    /// succeeds, the others are cancelled (Twisted's <c>race</c>).
    /// </summary>
    /// <typeparam name="T">The deferreds' result type.</typeparam>
    /// <param name="deferreds">The deferreds; there must be at least one.</param>
    /// <returns>
    /// The deferred. If every deferred fails, it fails with a <see cref="FailureGroupException"/> of their failures in
    /// list order. Cancelling it cancels every deferred. The race consumes its deferreds' results and failures.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="deferreds"/> is empty.</exception>
    public static Deferred<(int Index, T Value)> Race<T>(IEnumerable<Deferred<T>> deferreds)
    {
        var members = DeferredList.Members(deferreds);
        if (members.Length == 0)
        {
            throw new ArgumentException("Race needs at least one Deferred; with none it could never fire.", nameof(deferreds));
        }

        var failures = new Failure[members.Length];
        int failed = 0;
        Deferred? winner = null;
        var race = new Deferred<(int Index, T Value)>(_ => DeferredList.CancelAll(members));
        for (int i = 0; i < members.Length; i++)
        {
            int index = i;
            members[i].Core.AddCallbacks(
                result =>
                {
                    if (winner is null)
                    {
                        // The winner is not cancelled: its caller still owns it and its result.
                        winner = members[index];
                        DeferredList.CancelAll(members.Where(member => member != winner));
                        race.Callback((index, DeferredCore.Cast<T>(result)));
                    }

                    return null;
                },
                result =>
                {
                    failures[index] = (Failure)result!;
                    if (++failed == members.Length)
                    {
                        race.Errback(new FailureGroupException(failures));
                    }

                    return null;
                });
        }

        return race;
    }
}
