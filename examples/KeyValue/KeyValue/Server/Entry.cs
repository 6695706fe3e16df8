using Trial.Time;

namespace Examples.KeyValue.Server;

/// <summary>One key's value and the delayed call, if any, that expires it.</summary>
internal sealed class Entry(byte[] key)
{
    public byte[] Key { get; } = key;

    public byte[] Value { get; set; } = [];

    public IDelayedCall? Expiry { get; set; }

    public void CancelExpiry()
    {
        if (Expiry is { Active: true })
        {
            Expiry.Cancel();
        }

        Expiry = null;
    }
}
