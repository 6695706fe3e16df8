namespace Trial.Deferreds;

/// <summary>
/// Twisted's <c>DeferredList</c>: one deferred for the outcomes of several. Its two forms are two methods here,
/// because their results have different types: <see cref="Create{T}"/> collects every outcome, and
/// <see cref="FirstResult{T}"/> (Twisted's <c>fireOnOneCallback</c>) fires with the first success.
/// </summary>
/// <remarks>
/// <para>
/// The list adds a callback and errback to each deferred, so callbacks added to them before the list see their
/// results first, and callbacks added after see what the list passes on: the result, or the failure unless
/// <c>consumeErrors</c> is set (then <see langword="null"/>, so that failures the list reported are not also
/// reported as unhandled).
/// </para>
/// <para>
/// Cancelling the list's deferred before it fires cancels every deferred in it; an exception thrown by one of
/// their cancellers is reported to <see cref="Deferred.UnhandledFailureObserver"/> and does not stop the others
/// from being cancelled.
/// </para>
/// </remarks>
public static class DeferredList
{
    /// <summary>Returns a deferred that fires with every deferred's outcome, in list order, once all have fired.</summary>
    /// <typeparam name="T">The deferreds' result type.</typeparam>
    /// <param name="deferreds">The deferreds; an empty list fires at once with no outcomes.</param>
    /// <param name="fireOnOneErrback">Fail at the first failure, with a <see cref="FirstErrorException"/>, instead of waiting for all.</param>
    /// <param name="consumeErrors">Turn each failure into <see langword="null"/> in its own deferred once the list has it.</param>
    /// <returns>The list's deferred.</returns>
    public static Deferred<IReadOnlyList<DeferredResult<T>>> Create<T>(IEnumerable<Deferred<T>> deferreds, bool fireOnOneErrback = false, bool consumeErrors = false)
    {
        var members = Members(deferreds);
        var outcomes = new DeferredResult<T>[members.Length];
        var list = new Deferred<IReadOnlyList<DeferredResult<T>>>(_ => CancelAll(members));
        if (members.Length == 0)
        {
            list.Callback(outcomes);
            return list;
        }

        int finished = 0;
        Track(members, consumeErrors, (index, value) =>
        {
            outcomes[index] = DeferredResult<T>.Success(value);
            if (++finished == members.Length && !list.Called)
            {
                list.Callback(outcomes);
            }
        }, (index, failure) =>
        {
            outcomes[index] = DeferredResult<T>.Failed(failure);
            ++finished;
            if (list.Called)
            {
                return;
            }

            if (fireOnOneErrback)
            {
                list.Errback(new FirstErrorException(failure, index));
            }
            else if (finished == members.Length)
            {
                list.Callback(outcomes);
            }
        });
        return list;
    }

    /// <summary>
    /// Returns a deferred that fires with the index of the first deferred to succeed and its result, in the order
    /// <see cref="Deferred.Race{T}"/> uses (Twisted's <c>fireOnOneCallback</c>, which gives them the other way round).
    /// If every deferred fails, it fails with a <see cref="FailureGroupException"/> of their failures in list order
    /// (Twisted would fire with the list of outcomes, which has another type).
    /// </summary>
    /// <typeparam name="T">The deferreds' result type.</typeparam>
    /// <param name="deferreds">The deferreds; there must be at least one, or the result could never come.</param>
    /// <param name="fireOnOneErrback">Fail at the first failure, with a <see cref="FirstErrorException"/>, if it comes before a result.</param>
    /// <param name="consumeErrors">Turn each failure into <see langword="null"/> in its own deferred once the list has it.</param>
    /// <returns>The list's deferred.</returns>
    /// <exception cref="ArgumentException"><paramref name="deferreds"/> is empty.</exception>
    public static Deferred<(int Index, T Value)> FirstResult<T>(IEnumerable<Deferred<T>> deferreds, bool fireOnOneErrback = false, bool consumeErrors = false)
    {
        var members = Members(deferreds);
        if (members.Length == 0)
        {
            throw new ArgumentException("FirstResult needs at least one Deferred; with none it could never fire.", nameof(deferreds));
        }

        var failures = new Failure[members.Length];
        int failed = 0;
        var first = new Deferred<(int Index, T Value)>(_ => CancelAll(members));
        Track(members, consumeErrors, (index, value) =>
        {
            if (!first.Called)
            {
                first.Callback((index, value));
            }
        }, (index, failure) =>
        {
            failures[index] = failure;
            ++failed;
            if (first.Called)
            {
                return;
            }

            if (fireOnOneErrback)
            {
                first.Errback(new FirstErrorException(failure, index));
            }
            else if (failed == members.Length)
            {
                first.Errback(new FailureGroupException(failures));
            }
        });
        return first;
    }

    internal static Deferred<T>[] Members<T>(IEnumerable<Deferred<T>> deferreds)
    {
        ArgumentNullException.ThrowIfNull(deferreds);
        var members = deferreds.ToArray();
        for (int i = 0; i < members.Length; i++)
        {
            if (members[i] is null)
            {
                throw new ArgumentException($"The Deferred at index {i} is null.", nameof(deferreds));
            }
        }

        return members;
    }

    /// <summary>Cancels each deferred, reporting rather than throwing what their cancellers throw.</summary>
    internal static void CancelAll(IEnumerable<Deferred> members)
    {
        foreach (var member in members)
        {
            try
            {
                member.Cancel();
            }
            catch (Exception ex)
            {
                Deferred.ReportError("Exception raised from a canceller while cancelling a list of Deferreds", ex);
            }
        }
    }

    private static void Track<T>(Deferred<T>[] members, bool consumeErrors, Action<int, T> succeeded, Action<int, Failure> failed)
    {
        for (int i = 0; i < members.Length; i++)
        {
            int index = i;
            members[i].Core.AddCallbacks(
                result =>
                {
                    succeeded(index, DeferredCore.Cast<T>(result));
                    return result;
                },
                result =>
                {
                    failed(index, (Failure)result!);
                    return consumeErrors ? null : result;
                });
        }
    }
}
