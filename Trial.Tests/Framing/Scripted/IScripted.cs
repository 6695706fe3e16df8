using Trial.Protocols;

namespace Trial.Tests.Framing.Scripted;

/// <summary>A receiver that logs its callbacks as events and follows one of generate.py's scripts.</summary>
internal interface IScripted : IProtocol
{
    List<string> Events { get; }

    bool IsPaused { get; }

    bool Stopped { get; }

    void Resume();
}
