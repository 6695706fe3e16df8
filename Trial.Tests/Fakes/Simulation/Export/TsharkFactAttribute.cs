namespace Trial.Tests.Fakes.Simulation.Export;

/// <summary>A fact that is skipped, saying why, when Wireshark's <c>tshark</c> is not on the PATH.</summary>
public sealed class TsharkFactAttribute : FactAttribute
{
    public TsharkFactAttribute()
    {
        if (Tshark.Path is null)
        {
            Skip = "tshark is not installed (Debian: apt-get install tshark)";
        }
    }
}
