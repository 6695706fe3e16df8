using System.Globalization;

namespace Trial.Addresses;

/// <summary>Validation and formatting shared by the address records.</summary>
internal static class AddressChecks
{
    internal static int Port(int port, string name) => port is >= 0 and <= 65535
        ? port
        : throw new ArgumentOutOfRangeException(name, port, string.Create(CultureInfo.InvariantCulture, $"A port must be between 0 and 65535, but was {port}."));

    internal static string Format(string kind, string host, int port) => host.Contains(':', StringComparison.Ordinal)
        ? string.Create(CultureInfo.InvariantCulture, $"{kind}:[{host}]:{port}")
        : string.Create(CultureInfo.InvariantCulture, $"{kind}:{host}:{port}");
}
