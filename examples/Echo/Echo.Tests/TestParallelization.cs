// Virtual time trusts a quiet thread pool, so the tests of this assembly do not run in parallel with one
// another (docs/async.md, where the guarantee stops).
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
