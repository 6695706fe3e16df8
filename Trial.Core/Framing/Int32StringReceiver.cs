namespace Trial.Framing;

/// <summary>
/// A protocol that sends and receives messages prefixed by their length as a big-endian unsigned 32-bit
/// integer (four bytes): Twisted's <c>Int32StringReceiver</c>. Override <see cref="IntNStringReceiver.StringReceived"/>.
/// </summary>
public abstract class Int32StringReceiver : IntNStringReceiver
{
    /// <summary>Initializes a new instance with a 32-bit length prefix.</summary>
    protected Int32StringReceiver()
        : base(prefixLength: 4)
    {
    }
}
