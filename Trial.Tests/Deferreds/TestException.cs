namespace Trial.Tests.Deferreds;

/// <summary>An exception only these tests throw, so that assertions on failures cannot match something else.</summary>
internal sealed class TestException : Exception
{
    public TestException()
        : base("test failure")
    {
    }

    public TestException(string message)
        : base(message)
    {
    }
}
