using System.CommandLine;
using MultiBinSim.Cli;

namespace MultiBinSim.Tests.Cli;

/// <summary>A command line that does not parse: one line on stderr, exit code 2, the nearest flag suggested, no help on stdout.</summary>
public class ParseErrorTests
{
    [Theory]
    [InlineData("run --json --gpu 4", "error: unknown option '--gpu' (did you mean --gpus?)")]
    [InlineData("run --requests abc", "error: --requests: 'abc' is not an integer")]
    [InlineData("run --rps-scaling fast", "error: --rps-scaling: 'fast' is not a number")]
    [InlineData("run --requests", "error: --requests: needs a value")]
    [InlineData("capacity --scheduler static_fifo", "error: unknown option '--scheduler' (did you mean --schedulers?)")]
    [InlineData("rnu", "error: unknown command 'rnu' (did you mean run?)")]
    [InlineData("sweep", "error: mbsim sweep needs a command: predictors, pd-ratio (see mbsim sweep --help)")]
    public void The_process_says_one_line_on_stderr_and_exits_2(string commandLine, string expected)
    {
        var (code, stdout, stderr) = MbsimProcess.Run(commandLine.Split(' '));
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal(expected, stderr.TrimEnd());
    }

    [Fact]
    public void Help_is_still_help()
    {
        var (code, stdout, _) = MbsimProcess.Run("run", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--max-num-seqs", stdout, StringComparison.Ordinal);
    }

    /// <summary>Every option of every command, one character short, is an unknown option that suggests the option itself.</summary>
    [Fact]
    public void A_typo_in_any_option_suggests_that_option()
    {
        var root = Root();
        foreach (var (path, command) in Commands(root))
        {
            foreach (var name in command.Options.Select(o => o.Name).Where(n => n.Length >= 5))
            {
                string typo = name[..^1];
                if (command.Options.Any(o => o.Name == typo || o.Aliases.Contains(typo)))
                {
                    continue;
                }

                var parse = root.Parse([.. path, typo]);
                if (command.Arguments.Count > 0 && parse.Errors.Count == 0)
                {
                    continue; // taken as the command's argument (a file name may start with a dash)
                }

                string message = ParseErrors.Describe(parse);
                Assert.Equal($"unknown option '{typo}' (did you mean {name}?)", message);
            }
        }
    }

    /// <summary>Every numeric option of every command names itself and the expected kind of value.</summary>
    [Fact]
    public void A_value_of_the_wrong_type_names_the_option_and_the_kind()
    {
        var root = Root();
        int checkedOptions = 0;
        foreach (var (path, command) in Commands(root))
        {
            foreach (var option in command.Options)
            {
                var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
                string? kind =
                    type == typeof(int) || type == typeof(long) ? "an integer"
                    : type == typeof(double) ? "a number"
                    : null;
                if (kind is not null)
                {
                    Assert.Equal($"{option.Name}: 'abc' is not {kind}", ParseErrors.Describe(root.Parse([.. path, option.Name, "abc"])));
                    checkedOptions++;
                }
            }
        }

        Assert.True(checkedOptions > 40, $"only {checkedOptions} numeric options found");
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("--gpu", "--gpus", 1)]
    [InlineData("--k", "--k", 0)]
    [InlineData("flaw", "lawn", 2)]
    public void Levenshtein_distance(string a, string b, int expected)
    {
        Assert.Equal(expected, ParseErrors.Distance(a, b));
        Assert.Equal(expected, ParseErrors.Distance(b, a));
    }

    [Fact]
    public void Nothing_near_is_suggested_for_a_name_far_from_every_option()
    {
        Assert.Equal("", ParseErrors.Suggestion("--zzzzqqqq", ["--gpus", "--requests", "--json"]));
        Assert.Equal(" (did you mean --json?)", ParseErrors.Suggestion("--jsn", ["--gpus", "--requests", "--json"]));
    }

    private static RootCommand Root()
    {
        var root = new RootCommand("test");
        foreach (
            var command in new[]
            {
                RunCommand.Create(),
                SuiteCommand.Create(),
                ResultsCommand.Create(),
                DataCommand.Create(),
                NotebookCommand.Create(),
                ValidateCommand.Create(),
                CapacityCommand.Create(),
                SweepCommand.Create(),
                ReproduceCommand.Create(),
            }
        )
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    private static IEnumerable<(string[] Path, Command Command)> Commands(Command parent, string[]? path = null)
    {
        foreach (var command in parent.Subcommands)
        {
            string[] here = [.. path ?? [], command.Name];
            yield return (here, command);
            foreach (var sub in Commands(command, here))
            {
                yield return sub;
            }
        }
    }
}
