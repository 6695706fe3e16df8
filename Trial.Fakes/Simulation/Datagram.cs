using System.Buffers;
using Trial.Addresses;

namespace Trial.Fakes.Simulation;

/// <summary>A datagram on its way, with its bytes in a pooled buffer until it is delivered or lost.</summary>
internal sealed class Datagram
{
    private readonly DatagramPort _source;
    private readonly SimulatedHost _destination;
    private readonly int _port;
    private readonly int _channel;
    private readonly byte[] _data;
    private readonly int _length;
    private int _copies;

    internal Datagram(DatagramPort source, SimulatedHost destination, int port, int channel, ReadOnlySpan<byte> data)
    {
        _source = source;
        _destination = destination;
        _port = port;
        _channel = channel;
        _data = ArrayPool<byte>.Shared.Rent(data.Length);
        _length = data.Length;
        data.CopyTo(_data);
    }

    private SimulatedNetwork Net => _destination.Network;

    /// <summary>Puts one copy on the way, arriving at <paramref name="arrival"/>.</summary>
    internal void Send(long arrival)
    {
        _copies++;
        Net.Clock.CallLater(TimeSpan.FromTicks(arrival - Net.NowTicks), Arrive);
    }

    /// <summary>Drops the datagram before it left; its buffer goes back to the pool.</summary>
    internal void Drop(string why)
    {
        Net.Record(TraceEventKind.DatagramLost, _source.Host.Id, _channel, 0, _length, why);
        if (_copies == 0)
        {
            ArrayPool<byte>.Shared.Return(_data);
        }
    }

    private void Arrive()
    {
        try
        {
            if (_destination.Silent || _destination.IsDown || !_destination.DatagramPorts.TryGetValue(_port, out var port))
            {
                Net.Record(TraceEventKind.DatagramLost, _destination.Id, _channel, 0, _length, "nothing receives at the destination");
                return;
            }

            var data = _data.AsSpan(0, _length);
            Net.Record(TraceEventKind.DatagramDelivered, _destination.Id, _channel, 0, _length, null, Net.Options.CapturePayloads ? data : default);
            port.Receive(data, new UdpAddress(_source.Host.Address.ToString(), _source.Port));
        }
        finally
        {
            if (--_copies == 0)
            {
                ArrayPool<byte>.Shared.Return(_data);
            }
        }
    }
}
