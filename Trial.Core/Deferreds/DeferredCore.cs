using Trial.Time;

namespace Trial.Deferreds;

/// <summary>
/// The untyped callback chain behind every <see cref="Deferred{T}"/> handle: the current result (a value, a
/// <see cref="Failure"/>, or the <see cref="Deferred"/> it waits on), the pending callbacks, and the pause and
/// cancellation state. It is Twisted's <c>Deferred</c>, including its iterative chaining, so that long chains of
/// deferreds waiting on deferreds never grow the stack.
/// </summary>
internal sealed class DeferredCore
{
    private readonly Queue<Link> _callbacks = new();
    private object? _result;
    private int _pauses;
    private bool _waiting;
    private bool _running;
    private bool _suppressAlreadyCalled;
    private FailureTracker? _tracker;
    private Failure? _observed;

    internal DeferredCore(Type inputType) => InputType = inputType;

    /// <summary>Gets the type the chain's first callback expects: the <c>T</c> of the deferred that made it.</summary>
    internal Type InputType { get; }

    /// <summary>Gets or sets what <see cref="Cancel"/> calls while the chain has not fired.</summary>
    internal Action? Canceller { get; set; }

    internal bool Called { get; private set; }

    /// <summary>Gets a value indicating whether the chain is paused by the user or waiting on another deferred.</summary>
    internal bool Paused => _pauses > 0 || _waiting;

    /// <summary>Gets the deferred this chain is waiting on, if a callback returned one that has no result yet.</summary>
    internal DeferredCore? WaitingOn => _waiting ? (_result as Deferred)?.Core : null;

    /// <summary>Gets a value indicating whether the result is final for now: fired, not paused, not mid-callback.</summary>
    internal bool IsSettled => Called && !Paused && !_running;

    /// <summary>Gets the current result: a value or a <see cref="Failure"/> when settled.</summary>
    internal object? Result => _result;

    /// <summary>Reads a result as a <typeparamref name="T"/>, failing with the value in the message if it is not one.</summary>
    internal static T Cast<T>(object? value)
    {
        if (value is T typed)
        {
            return typed;
        }

        if (value is null && default(T) is null)
        {
            return default!;
        }

        throw new InvalidCastException($"The Deferred's result {Describe(value)} is not a {TypeName(typeof(T))}.");
    }

    /// <summary>Describes a result for messages: null, a quoted string, a failure's type and message, or ToString.</summary>
    internal static string Describe(object? value)
    {
        try
        {
            return value switch
            {
                null => "null",
                string text => $"\"{text}\"",
                Failure failure => $"failure {failure.Type.Name}: {failure.Message}",
                _ => value.ToString() ?? value.GetType().Name,
            };
        }
        catch (Exception)
        {
            return value!.GetType().Name;
        }
    }

    /// <summary>Names a type as C# would write it: <c>Deferred&lt;Int32&gt;</c> rather than <c>Deferred`1</c>.</summary>
    internal static string TypeName(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        string name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>";
    }

    internal void AddCallbacks(Func<object?, object?>? callback, Func<object?, object?>? errback) =>
        Enqueue(new Link(callback, errback, null, null));

    /// <summary>
    /// Twisted's <c>chainDeferred</c>: fires <paramref name="target"/> with this chain's result when it gets there,
    /// leaving <see langword="null"/> here. The loop fires it in place, so a chain of chains never grows the stack.
    /// </summary>
    internal void AddForward(DeferredCore target) => Enqueue(new Link(null, null, null, target));

    internal void Fire(object? result)
    {
        if (result is Deferred)
        {
            throw new ArgumentException("A Deferred cannot be fired with another Deferred; return it from a callback to chain them.", nameof(result));
        }

        if (Called)
        {
            if (_suppressAlreadyCalled)
            {
                _suppressAlreadyCalled = false;
                return;
            }

            throw new AlreadyCalledException(
                $"{Name} was already fired with {Describe(_result)}; it cannot be fired again with {Describe(result)}.");
        }

        Called = true;
        _result = result;
        RunCallbacks();
    }

    /// <summary>Fires the chain unless it already fired (because it was cancelled first); used by adapters.</summary>
    internal void FireUnlessCalled(object? result)
    {
        if (Called)
        {
            _suppressAlreadyCalled = false;
            return;
        }

        Fire(result);
    }

    internal void Pause() => _pauses++;

    internal void Unpause()
    {
        if (_pauses == 0)
        {
            throw new InvalidOperationException($"{Name} is not paused; Unpause must follow a Pause.");
        }

        _pauses--;
        if (_pauses == 0 && Called)
        {
            RunCallbacks();
        }
    }

    internal void Cancel()
    {
        if (!Called)
        {
            if (Canceller is { } canceller)
            {
                canceller();
            }
            else
            {
                // Without a canceller nothing stops the producer from firing later: swallow that one call.
                _suppressAlreadyCalled = true;
            }

            if (!Called)
            {
                Fire(new Failure(new CancelledException($"{Name} was cancelled.")));
            }
        }
        else if (_waiting && _result is Deferred inner)
        {
            inner.Core.Cancel();
        }
    }

    /// <summary>Records that <paramref name="failure"/> was delivered (to an awaiter or a task), so it is not reported as unhandled.</summary>
    internal void MarkObserved(Failure failure)
    {
        _observed = failure;
        if (_tracker?.Failure == failure)
        {
            Disarm();
        }
    }

    /// <summary>Gets the name of the chain's type, such as <c>Deferred&lt;Int32&gt;</c>.</summary>
    internal string Name => $"Deferred<{TypeName(InputType)}>";

    private void Enqueue(Link link)
    {
        _callbacks.Enqueue(link);
        if (Called)
        {
            RunCallbacks();
        }
    }

    private void RunCallbacks()
    {
        if (_running)
        {
            // The loop that is running a callback of this chain further up the stack picks up what was added.
            return;
        }

        // The chains that handed their result down (to a waiting chain, or one they forward to) and still have
        // callbacks to run once that chain is done or paused.
        Stack<DeferredCore>? handedOver = null;
        var current = this;
        while (true)
        {
            bool switched = false;
            bool settled = !current.Paused;
            while (settled && current._callbacks.TryDequeue(out var link))
            {
                if (link.Continuation is { } waiter)
                {
                    waiter._result = current._result;
                    waiter._waiting = false;
                    current._result = null;
                    current.Disarm();
                    (handedOver ??= new()).Push(current);
                    current = waiter;
                    switched = true;
                    break;
                }

                if (link.Forward is { } target)
                {
                    if (current.ForwardTo(target))
                    {
                        (handedOver ??= new()).Push(current);
                        current = target;
                        switched = true;
                        break;
                    }

                    continue;
                }

                var function = current._result is Failure ? link.Errback : link.Callback;
                if (function is null)
                {
                    continue;
                }

                current.Invoke(function);
                if (current._result is Deferred returned && current.ChainTo(returned))
                {
                    break;
                }
            }

            if (switched)
            {
                continue;
            }

            // A chain that was paused before it could run keeps its result, and its tracker, as they are.
            if (settled)
            {
                if (current._result is Failure failure && !ReferenceEquals(failure, current._observed))
                {
                    current.Arm(failure);
                }
                else
                {
                    current.Disarm();
                }
            }

            if (handedOver is not { Count: > 0 })
            {
                return;
            }

            current = handedOver.Pop();
        }
    }

    /// <summary>Fires <paramref name="target"/> with this chain's result, as its <see cref="Fire"/> would.</summary>
    /// <returns><see langword="true"/> if the target took the result and its callbacks must run now.</returns>
    private bool ForwardTo(DeferredCore target)
    {
        if (target.Called)
        {
            if (target._suppressAlreadyCalled)
            {
                target._suppressAlreadyCalled = false;
                _result = null;
                return false;
            }

            _result = new Failure(new AlreadyCalledException(
                $"{target.Name} was already fired with {Describe(target._result)}; it cannot be fired again with {Describe(_result)}."));
            return false;
        }

        target.Called = true;
        target._result = _result;
        _result = null;
        Disarm();
        return true;
    }

    private void Invoke(Func<object?, object?> function)
    {
        _running = true;
        try
        {
            _result = function(_result);
        }
        catch (Exception ex)
        {
            _result = new Failure(ex);
        }
        finally
        {
            _running = false;
        }
    }

    /// <summary>
    /// Handles a callback that returned a deferred: takes its result if it has a final one, otherwise waits on it.
    /// </summary>
    /// <returns><see langword="true"/> if the chain now waits.</returns>
    private bool ChainTo(Deferred returned)
    {
        var inner = returned.Core;
        if (inner == this)
        {
            _result = new Failure(new InvalidOperationException($"A callback of {Name} returned that same Deferred, which would wait on itself forever."));
            return false;
        }

        if (!inner.Called || inner._waiting || inner._pauses > 0 || inner._running)
        {
            _waiting = true;
            inner._callbacks.Enqueue(new Link(null, null, this, null));
            return true;
        }

        _result = inner._result;
        inner._result = null;
        inner.Disarm();
        return false;
    }

    private void Arm(Failure failure)
    {
        var observer = Deferred.UnhandledFailureObserver;
        if (_tracker is { } tracker)
        {
            tracker.Failure = failure;
            tracker.Observer = observer;
            return;
        }

        _tracker = new FailureTracker(failure, observer, Name);
    }

    private void Disarm()
    {
        if (_tracker is { } tracker)
        {
            tracker.Disarm();
            _tracker = null;
        }
    }

    /// <summary>
    /// One entry of the chain: a callback and an errback, the marker that hands the result to a waiting chain
    /// (<paramref name="Continuation"/>), or a chained deferred to fire with it (<paramref name="Forward"/>).
    /// </summary>
    private readonly record struct Link(Func<object?, object?>? Callback, Func<object?, object?>? Errback, DeferredCore? Continuation, DeferredCore? Forward);
}
