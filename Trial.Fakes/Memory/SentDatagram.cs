using Trial.Addresses;

namespace Trial.Fakes.Memory;

/// <summary>A datagram written to a <see cref="FakeDatagramTransport"/>.</summary>
/// <param name="Data">A copy of the payload.</param>
/// <param name="Destination">Where it was sent: the given destination, or the connected peer when none was given.</param>
public sealed record SentDatagram(byte[] Data, IAddress Destination);
