namespace Trial.Addresses;

/// <summary>The address of one end of a connection or of a listening port.</summary>
public interface IAddress
{
}
