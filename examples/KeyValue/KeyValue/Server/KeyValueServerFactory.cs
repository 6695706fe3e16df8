using Trial.Addresses;
using Trial.Protocols;

namespace Examples.KeyValue.Server;

/// <summary>Builds a <see cref="KeyValueConnection"/> for each client, all sharing one <see cref="KeyValueStore"/>.</summary>
/// <param name="store">The data every connection reads and writes.</param>
public sealed class KeyValueServerFactory(KeyValueStore store) : Factory
{
    private readonly CommandProcessor _processor = new(store ?? throw new ArgumentNullException(nameof(store)));

    /// <summary>Gets the data every connection reads and writes.</summary>
    public KeyValueStore Store { get; } = store;

    /// <inheritdoc/>
    public override IProtocol? BuildProtocol(IAddress address) => new KeyValueConnection(_processor) { Factory = this };
}
