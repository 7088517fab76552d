using MultiBinSim.Workloads;

namespace MultiBinSim.Cli;

/// <summary>Turns expected failures into one clear line on stderr and a non-zero exit code (no stack traces for bad input).</summary>
internal static class CliErrors
{
    public const int BadInput = 1;
    public const int BadOption = 2;

    public static int Guard(Action action) => GuardAsync(() =>
    {
        action();
        return Task.FromResult(0);
    }).GetAwaiter().GetResult();

    public static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (MultiBinSim.Notebooks.NotebookException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
        catch (FetchException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
        catch (MultiBinSim.Experiments.ResultStoreException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
        catch (TraceFormatException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return BadOption;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
    }
}
