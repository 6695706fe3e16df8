namespace Trial.Tests.Support;

/// <summary>Twisted's successResultOf and failureResultOf for tasks that a virtual-time test has already driven to the end.</summary>
internal static class TaskResults
{
    /// <summary>Returns the result of a task that must have completed successfully.</summary>
    public static T SuccessResultOf<T>(Task<T> task)
    {
        task.IsCompletedSuccessfully.Should().BeTrue($"the task should have succeeded, but it is {task.Status}: {task.Exception}");
        return task.Result;
    }

    /// <summary>Returns the exception of a task that must have failed.</summary>
    public static Exception FailureResultOf(Task task)
    {
        task.IsFaulted.Should().BeTrue($"the task should have failed, but it is {task.Status}");
        return task.Exception!.InnerException!;
    }
}
