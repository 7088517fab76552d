using System.CommandLine;
using System.Text.Json;
using MultiBinSim.Cli;

namespace MultiBinSim.Tests.Cli;

/// <summary>Every command with <c>--json</c> writes one JSON document on stdout and nothing else; informational lines go to stderr.</summary>
public class JsonCommandTests
{
    /// <summary>Small arguments per command path ({out}: a fresh folder). Every command with --json must be listed.</summary>
    private static readonly Dictionary<string, string[]> Arguments = new()
    {
        ["run"] = ["--requests", "500"],
        ["validate theory"] = ["--requests", "1000"],
        ["validate latency"] = [],
        ["capacity"] = ["--requests", "1000", "--schedulers", "static_fifo", "--gpus", "1", "--out", "{out}"],
        ["sweep predictors"] = ["--requests", "1000", "--gpus", "1", "--out", "{out}"],
        ["sweep pd-ratio"] = ["--requests", "200", "--gpus", "2", "--out", "{out}"],
        ["suite"] = ["--max-requests", "1000", "--max-gpus", "1", "--step", "2", "--no-charts", "--out", "{out}"],
        ["data describe"] = ["synthetic"],
        ["reproduce"] = ["multibin-fig6", "--quick", "--traces", "none", "--out", "{out}"],
    };

    public static TheoryData<string> CommandsWithJson()
    {
        var data = new TheoryData<string>();
        foreach (var (path, command) in Commands(Root(), ""))
        {
            if (command.Options.Any(o => o.Name == "--json"))
            {
                data.Add(path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CommandsWithJson))]
    public void Json_output_is_one_parseable_document_and_nothing_else(string path)
    {
        Assert.True(Arguments.TryGetValue(path, out var arguments), $"mbsim {path} --json has no arguments in this test");
        using var tmp = new TempFiles();
        var (code, stdout, stderr) = MbsimProcess.Run([.. path.Split(' '), "--json", .. arguments.Select(a => a == "{out}" ? tmp.Folder : a)]);
        Assert.True(code == 0, stderr);
        using var document = JsonDocument.Parse(stdout); // throws on anything but one JSON document
        Assert.True(document.RootElement.ValueKind is JsonValueKind.Object or JsonValueKind.Array);
    }

    [Fact]
    public void The_suite_and_capacity_rows_are_in_the_json_and_progress_on_stderr()
    {
        using var tmp = new TempFiles();
        var suite = MbsimProcess.Run("suite", "--json", "--max-requests", "1000", "--max-gpus", "2", "--step", "2", "--no-charts", "--out", tmp.Folder);
        Assert.True(suite.ExitCode == 0, suite.Stderr);
        Assert.Contains("tests to run", suite.Stderr, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(suite.Stdout);
        var step = Assert.Single(document.RootElement.GetProperty("steps").EnumerateArray());
        var rows = step.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal([1, 2], rows.Select(r => r.GetProperty("num_gpus").GetInt32()).Order());
        var stored = MultiBinSim.Storage.ResultCsv.ReadAll(Path.Combine(tmp.Folder, MultiBinSim.Storage.ResultStore.CsvName));
        Assert.Equal(
            stored.Select(r => r.Get<double>("sla_violation_rate")!.Value).Order(),
            rows.Select(r => r.GetProperty("sla_violation_rate").GetDouble()).Order()
        );
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

    private static IEnumerable<(string Path, Command Command)> Commands(Command parent, string prefix)
    {
        foreach (var command in parent.Subcommands)
        {
            string path = prefix.Length == 0 ? command.Name : $"{prefix} {command.Name}";
            yield return (path, command);
            foreach (var sub in Commands(command, path))
            {
                yield return sub;
            }
        }
    }
}
