using MultiBinSim.Errors;
#if !MBSIM_RUN_ONLY
using MultiBinSim.Notebooks;
#endif

namespace MultiBinSim.Cli;

/// <summary>
/// The error rule of the command line: a problem with what the user gave (<see cref="UserInputException"/>: a bad file,
/// an invalid option, a damaged results folder, a failed download; a notebook error) is one line per
/// problem on stderr and exit code 1 (input) or 2 (option). Anything else is a defect: its stack trace and exit code 70
/// (EX_SOFTWARE), so that bugs are never disguised as bad input.
/// </summary>
internal static class CliErrors
{
    public const int Defect = 70;

    public static int Guard(Action action, TextWriter? error = null) =>
        GuardAsync(
                () =>
                {
                    action();
                    return Task.FromResult(0);
                },
                error
            )
            .GetAwaiter()
            .GetResult();

    /// <param name="action">The command's work; returns its exit code.</param>
    /// <param name="error">Where messages go (standard error by default).</param>
    public static async Task<int> GuardAsync(Func<Task<int>> action, TextWriter? error = null)
    {
        error ??= Console.Error;
        try
        {
            return await action();
        }
        catch (ConfigurationException e)
        {
            foreach (var problem in e.Errors)
            {
                // A value from a configuration file is named by its file, line and key (ConfigProvenance).
                error.WriteLine($"error: {ConfigProvenance.Describe(FlagFor(problem.Property))}: {problem.Message}.");
            }

            return e.ExitCode;
        }
        catch (UserInputException e)
        {
            error.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
#if !MBSIM_RUN_ONLY // mbsim-run (src/MultiBinSim.Run) has no notebook runner
        catch (NotebookException e)
        {
            error.WriteLine($"error: {e.Message}");
            return UserInputException.BadInput;
        }
#endif
        catch (OperationCanceledException)
        {
            error.WriteLine("cancelled.");
            return 130;
        }
        catch (Exception e)
        {
            error.WriteLine("mbsim: internal error (a defect, not a problem with your input; please report it with this trace):");
            error.WriteLine(e.ToString());
            return Defect;
        }
    }

    /// <summary>The flag of a library property path (<see cref="OptionBindings.FlagFor"/>).</summary>
    public static string FlagFor(string property) => OptionBindings.FlagFor(property);
}
