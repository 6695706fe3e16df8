using Trial.Reactors;
using Trial.Transports;

namespace Trial.Fakes.Proxy;

/// <summary>
/// One direction of a proxied connection: bytes read from the source run through the toxics in the order they
/// were added, then are written to the destination. It is the destination's registered producer, and pauses
/// the source while the destination is full or the toxics hold more than a megabyte.
/// </summary>
internal sealed class ToxicLink : IPushProducer
{
    private const long HighHeld = 1 << 20;
    private const long LowHeld = 256 << 10;
    private readonly ProxyConnection _connection;
    private readonly ITransport _source;
    private readonly ITransport _destination;
    private readonly List<(Toxic Toxic, ToxicStage Stage)> _stages = [];
    private long _held;
    private bool _destinationFull;
    private bool _sourcePaused;

    internal ToxicLink(ProxyConnection connection, ITransport source, ITransport destination)
    {
        _connection = connection;
        _source = source;
        _destination = destination;
        destination.RegisterProducer(this, streaming: true);
    }

    internal IReactor Reactor => _connection.Reactor;

    /// <summary>Gets the reactor's time in ticks.</summary>
    internal long Now => Reactor.Now.Ticks;

    internal bool Closed => _connection.Closed;

    internal void AddToxic(Toxic toxic, ToxicStage stage) => _stages.Add((toxic, stage));

    internal void RemoveToxic(string name)
    {
        int index = _stages.FindIndex(s => s.Toxic.EffectiveName == name);
        if (index >= 0)
        {
            var stage = _stages[index].Stage;
            stage.Drain();
            _stages.RemoveAll(s => s.Stage == stage);
        }
    }

    internal void Receive(byte[] data) => EnterAt(0, data);

    internal void ReceiveClose() => CloseAt(0);

    internal void Emit(ToxicStage from, byte[] data) => EnterAt(IndexAfter(from), data);

    internal void EmitClose(ToxicStage from) => CloseAt(IndexAfter(from));

    internal void Hold(int count)
    {
        _held += count;
        UpdatePause();
    }

    internal void Release(int count)
    {
        _held -= count;
        UpdatePause();
    }

    internal void ResetBoth() => _connection.ResetBoth();

    internal void Dispose()
    {
        foreach (var (_, stage) in _stages)
        {
            stage.Dispose();
        }

        _stages.Clear();
    }

    public void PauseProducing()
    {
        _destinationFull = true;
        UpdatePause();
    }

    public void ResumeProducing()
    {
        _destinationFull = false;
        UpdatePause();
    }

    public void StopProducing()
    {
    }

    private int IndexAfter(ToxicStage from)
    {
        for (int i = 0; i < _stages.Count; i++)
        {
            if (_stages[i].Stage == from)
            {
                return i + 1;
            }
        }

        return _stages.Count;
    }

    private void EnterAt(int index, byte[] data)
    {
        if (Closed)
        {
            return;
        }

        if (index < _stages.Count)
        {
            _stages[index].Stage.Push(data);
        }
        else
        {
            _destination.Write(data);
        }
    }

    private void CloseAt(int index)
    {
        if (index < _stages.Count)
        {
            _stages[index].Stage.PushClose();
        }
        else
        {
            _destination.LoseConnection();
        }
    }

    private void UpdatePause()
    {
        bool pause = _destinationFull || _held > HighHeld;
        if (pause && !_sourcePaused)
        {
            _sourcePaused = true;
            _source.PauseProducing();
        }
        else if (!pause && _sourcePaused && _held <= LowHeld)
        {
            _sourcePaused = false;
            _source.ResumeProducing();
        }
    }
}
