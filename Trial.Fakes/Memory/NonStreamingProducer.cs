using System.Globalization;
using System.Text;
using Trial.Transports;

namespace Trial.Fakes.Memory;

/// <summary>
/// A pull producer that writes its counter ("0" to "9") once per <see cref="ResumeProducing"/>, ten times, then
/// unregisters itself from its consumer and completes <see cref="Completion"/>.
/// </summary>
/// <remarks>It throws when resumed after it finished or was stopped, so a consumer that does so is caught.</remarks>
public sealed class NonStreamingProducer : IPullProducer
{
    /// <summary>How many chunks the producer writes.</summary>
    public const int ChunkCount = 10;

    private readonly TaskCompletionSource _completion = new();

    /// <summary>Initializes a new producer for <paramref name="consumer"/>; register it with the consumer yourself.</summary>
    /// <param name="consumer">Where to write.</param>
    public NonStreamingProducer(IConsumer consumer) => Consumer = consumer ?? throw new ArgumentNullException(nameof(consumer));

    /// <summary>Gets the consumer, or <see langword="null"/> once the producer has finished or been stopped.</summary>
    public IConsumer? Consumer { get; private set; }

    /// <summary>Gets how many chunks have been written.</summary>
    public int Counter { get; private set; }

    /// <summary>Gets a value indicating whether <see cref="StopProducing"/> was called.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Gets a task that completes when the producer has written its ten chunks or was stopped.</summary>
    public Task Completion => _completion.Task;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The producer has finished or was stopped.</exception>
    public void ResumeProducing()
    {
        var consumer = Consumer ?? throw new InvalidOperationException($"BUG: resume after unregister or stop (the producer wrote {Counter} chunks; stopped: {Stopped}).");
        consumer.Write(Encoding.ASCII.GetBytes(Counter.ToString(CultureInfo.InvariantCulture)));
        Counter++;
        if (Counter == ChunkCount)
        {
            consumer.UnregisterProducer();
            Done();
        }
    }

    /// <inheritdoc/>
    public void StopProducing()
    {
        Stopped = true;
        Done();
    }

    private void Done()
    {
        Consumer = null;
        _completion.TrySetResult();
    }
}
