using MultiBinSim.Storage;
using MultiBinSim.Experiments;
using MultiBinSim.Notebooks;
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
        catch (Exception e) when (e is TraceFormatException or ResultStoreException or FetchException or NotebookException
                                      or ArgumentException or InvalidOperationException or IOException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            // Invalid options name the option; everything else is a problem with a file or the data.
            return e is ArgumentException ? BadOption : BadInput;
        }
    }
}
