namespace Trial.Framing;

/// <summary>
/// A protocol that sends and receives messages prefixed by their length as a big-endian unsigned 8-bit
/// integer (one byte): Twisted's <c>Int8StringReceiver</c>. Override <see cref="IntNStringReceiver.StringReceived"/>.
/// </summary>
public abstract class Int8StringReceiver : IntNStringReceiver
{
    /// <summary>Initializes a new instance with an 8-bit length prefix.</summary>
    protected Int8StringReceiver()
        : base(prefixLength: 1)
    {
    }
}
