using System.Text;
using Trial.Fakes.Memory;

namespace Trial.Tests.Fakes.IOSim;

/// <summary>
/// Records every callback in one list, in order, as readable strings ("data:abc", "read-closed", "lost:ConnectionDoneException"),
/// so tests can assert on the order of data and closes.
/// </summary>
internal class EventRecorder : AccumulatingProtocol
{
    public List<string> Events { get; } = [];

    public override void DataReceived(ReadOnlySpan<byte> data)
    {
        base.DataReceived(data);
        Events.Add("data:" + Encoding.ASCII.GetString(data));
    }

    public override void ConnectionLost(Exception reason)
    {
        base.ConnectionLost(reason);
        Events.Add("lost:" + reason.GetType().Name);
    }
}
