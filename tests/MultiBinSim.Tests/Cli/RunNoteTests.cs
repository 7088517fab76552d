using System.Globalization;
using System.Text;
using System.Text.Json;
using MultiBinSim.Cli;
using MultiBinSim.Experiments;
using MultiBinSim.Storage;

namespace MultiBinSim.Tests.Cli;

/// <summary>Silent surprises are said on stderr (issue #23 item 8); stdout is unchanged.</summary>
public class RunNoteTests
{
    private static SingleRunOutcome Run(params string[] args)
    {
        var run = RunCommand.CreateForTests();
        return SingleRun.Execute(run.Spec(run.Command.Parse(args)));
    }

    [Fact]
    public void An_offered_load_the_run_cannot_serve_is_said_with_both_rates()
    {
        var overloaded = Run("--requests", "1000", "--rps-scaling", "2000");
        var m = overloaded.Result.Metrics;
        Assert.True(m.OfferedLoadRequestsPerSec > RunCommand.OverloadFactor * m.ThroughputRequestsPerSec);
        var note = Assert.Single(RunCommand.Notes(overloaded));
        Assert.Equal(
            string.Create(
                CultureInfo.InvariantCulture,
                $"offered load {m.OfferedLoadRequestsPerSec:F1} req/s exceeds served throughput {m.ThroughputRequestsPerSec:F1} req/s; the queue grows for the whole run"
            ),
            note
        );

        var served = Run("--requests", "1000", "--rps-scaling", "20", "--gpus", "4");
        Assert.True(served.Result.Metrics.OfferedLoadRequestsPerSec <= RunCommand.OverloadFactor * served.Result.Metrics.ThroughputRequestsPerSec);
        Assert.Empty(RunCommand.Notes(served));
    }

    [Fact]
    public void More_requests_than_the_dataset_has_are_said()
    {
        using var tmp = new TempFiles();
        var trace = new StringBuilder("Timestamp,Request tokens,Response tokens\n");
        for (int i = 0; i < 300; i++)
        {
            trace.Append(CultureInfo.InvariantCulture, $"{i * 20},{50 + (i % 90)},{20 + (i % 70)}\n");
        }

        string path = tmp.Write("trace.csv", trace.ToString());
        Assert.Contains("the dataset has 300 rows; running all of them", RunCommand.Notes(Run("--dataset", path, "--requests", "5000")));
        Assert.DoesNotContain(RunCommand.Notes(Run("--dataset", path, "--requests", "300")), n => n.Contains("rows", StringComparison.Ordinal));

        var (code, stdout, stderr) = MbsimProcess.Run("run", "--dataset", path, "--requests", "5000", "--json");
        Assert.True(code == 0, stderr);
        Assert.Equal(300, JsonDocument.Parse(stdout).RootElement.GetProperty("num_requests").GetInt32());
        Assert.Contains("note: the dataset has 300 rows; running all of them", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_suite_waiting_on_a_locked_folder_says_so()
    {
        using var tmp = new TempFiles();
        using (StoreLock.Acquire(tmp.Folder, TimeSpan.Zero))
        {
            var (code, _, stderr) = MbsimProcess.Run("suite", "--max-requests", "1000", "--max-gpus", "1", "--step", "2", "--no-charts", "--out", tmp.Folder);
            Assert.NotEqual(0, code);
            var lines = stderr.TrimEnd().Split('\n');
            Assert.Equal($"waiting for the lock on {tmp.Folder} held by another mbsim process (lock file {StoreLock.FileName})", lines[0]);
            Assert.Contains("in use by another mbsim process", lines[^1], StringComparison.Ordinal);
        }

        var free = MbsimProcess.Run("suite", "--max-requests", "1000", "--max-gpus", "1", "--step", "2", "--no-charts", "--out", tmp.Folder);
        Assert.True(free.ExitCode == 0, free.Stderr);
        Assert.DoesNotContain("waiting for the lock", free.Stderr, StringComparison.Ordinal);
    }
}
