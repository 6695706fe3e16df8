namespace Trial.Sockets;

/// <summary>Something that stopped reading or accepting at its per-turn budget and wants another turn.</summary>
internal interface IRetryable
{
    /// <summary>Gets or sets a value indicating whether the item is already queued for another turn.</summary>
    bool RetryQueued { get; set; }

    /// <summary>Reads or accepts again.</summary>
    void Retry();
}
