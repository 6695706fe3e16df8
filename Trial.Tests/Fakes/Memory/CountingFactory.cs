using Trial.Fakes.Memory;
using Trial.Protocols;

namespace Trial.Tests.Fakes.Memory;

/// <summary>A factory that counts its start and stop hooks.</summary>
internal sealed class CountingFactory() : Factory(_ => new AccumulatingProtocol())
{
    public int Starts { get; private set; }

    public int Stops { get; private set; }

    protected override void StartFactory() => Starts++;

    protected override void StopFactory() => Stops++;
}
