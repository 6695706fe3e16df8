using Trial.Fakes.Memory;

namespace Trial.Tests.Fakes.IOSim;

/// <summary>Writes a greeting as soon as it is connected, and records what it receives.</summary>
internal sealed class GreetingProtocol(string greeting) : AccumulatingProtocol
{
    public override void ConnectionMade()
    {
        base.ConnectionMade();
        Transport!.Write(System.Text.Encoding.ASCII.GetBytes(greeting));
    }
}
