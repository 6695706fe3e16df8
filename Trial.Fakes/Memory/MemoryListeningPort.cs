using Trial.Addresses;
using Trial.Reactors;

namespace Trial.Fakes.Memory;

/// <summary>A listening port of a <see cref="MemoryReactor"/>: it accepts nothing by itself and can be stopped once.</summary>
internal sealed class MemoryListeningPort : IListeningPort
{
    private Action? _onStop;

    internal MemoryListeningPort(TcpAddress localAddress, Action onStop)
    {
        Trial.Diagnostics.ResourceOrigins.Record(this);
        LocalAddress = localAddress;
        Port = localAddress.Port;
        _onStop = onStop;
    }

    /// <inheritdoc/>
    public IAddress LocalAddress { get; }

    /// <inheritdoc/>
    public int Port { get; }

    /// <summary>Gets a value indicating whether the port still listens.</summary>
    internal bool Listening => _onStop is not null;

    /// <inheritdoc/>
    /// <remarks>Removes the port's record from the reactor and runs the factory's <c>DoStop</c>; stopping again does nothing.</remarks>
    public Task StopListening()
    {
        var onStop = _onStop;
        _onStop = null;
        onStop?.Invoke();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override string ToString() => $"MemoryListeningPort({LocalAddress}, {(Listening ? "listening" : "stopped")})";
}
