using System.Runtime.ExceptionServices;

namespace MultiBinSim.Experiments;

/// <summary>
/// Two independent, pure steps of a run's set-up (the latency fit and the dataset load) on two cores at once, with the
/// errors of the sequential order: when both fail, the first step's exception is the one thrown, unwrapped.
/// </summary>
internal static class SideBySide
{
    public static (TFirst First, TSecond Second) Run<TFirst, TSecond>(Func<TFirst> first, Func<TSecond> second)
    {
        var firstTask = Task.Run(first);
        TSecond secondResult;
        try
        {
            secondResult = second();
        }
        catch (Exception) when (WaitFailed(firstTask) is { } firstError)
        {
            ExceptionDispatchInfo.Throw(firstError);
            throw; // unreachable
        }

        return (firstTask.GetAwaiter().GetResult(), secondResult);
    }

    private static Exception? WaitFailed(Task task)
    {
        try
        {
            task.GetAwaiter().GetResult();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
