using System.Globalization;

namespace Trial.Reactors;

/// <summary>Lets one thread at a time run a loop, and says which thread holds it when another is refused.</summary>
internal sealed class LoopGate
{
    private int _owner;

    /// <summary>Gets a value indicating whether some thread holds the gate and it is not the calling one.</summary>
    internal bool HeldByAnotherThread => Volatile.Read(ref _owner) is int owner && owner != 0 && owner != Environment.CurrentManagedThreadId;

    /// <summary>Gets a value indicating whether the calling thread holds the gate.</summary>
    internal bool HeldByCurrentThread => Volatile.Read(ref _owner) == Environment.CurrentManagedThreadId;

    /// <summary>Takes the gate for the calling thread.</summary>
    /// <param name="what">How the refusal reads, completed by the reason: "The clock cannot be advanced".</param>
    /// <exception cref="InvalidOperationException">A thread holds it: this one (from inside one of its own calls) or another.</exception>
    internal void Enter(string what)
    {
        int me = Environment.CurrentManagedThreadId;
        int owner = Interlocked.CompareExchange(ref _owner, me, 0);
        if (owner != 0)
        {
            throw new InvalidOperationException(owner == me
                ? $"{what} from inside one of its own calls."
                : string.Create(CultureInfo.InvariantCulture, $"{what} from thread {me} while thread {owner} is running it (one of its calls is running there)."));
        }
    }

    internal void Exit() => Volatile.Write(ref _owner, 0);
}
