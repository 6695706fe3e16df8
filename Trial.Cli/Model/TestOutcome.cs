namespace Trial.Cli.Model;

/// <summary>
/// Twisted's outcomes. An xunit result maps as follows: passed is <see cref="Ok"/>; a failure whose
/// exception is an assertion (implements xunit's <c>IAssertionException</c>, derives from
/// <c>XunitException</c>, or is named <c>*AssertionException</c>/<c>*AssertFailedException</c>) is
/// <see cref="Fail"/>; any other exception is <see cref="Error"/>; skipped is <see cref="Skipped"/>.
/// A test with the trait <c>Todo</c> (<c>[Trait("Todo", "reason")]</c>) is expected to fail: a failure
/// of any kind is <see cref="Todo"/> and a pass is <see cref="UnexpectedSuccess"/>.
/// </summary>
internal enum TestOutcome
{
    /// <summary>Passed.</summary>
    Ok,

    /// <summary>An assertion failed.</summary>
    Fail,

    /// <summary>Any other exception, including cleanup failures.</summary>
    Error,

    /// <summary>Skipped, with its reason.</summary>
    Skipped,

    /// <summary>Failed as its Todo trait expected.</summary>
    Todo,

    /// <summary>Passed although its Todo trait expected a failure.</summary>
    UnexpectedSuccess,
}
