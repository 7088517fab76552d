namespace MultiBinSim.Tests.Cli;

/// <summary>
/// <c>mbsim-run</c> (src/MultiBinSim.Run: <c>mbsim run</c>'s source, built on its own to be compiled ahead of time) prints
/// what <c>mbsim run</c> prints: the same JSON and table on both engines, the same one-line errors and exit codes, the
/// same runs from a configuration file. The IL build is checked always; the Native AOT executable when <c>MBSIM_RUN_AOT</c> names it (.ci/run publishes it and
/// sets it).
/// </summary>
public class MbsimRunTests
{
    private static readonly string[][] Configurations =
    [
        ["--requests", "20000", "--json"],
        ["--requests", "20000", "--scheduler", "multi_bin_paper", "--k", "8", "--gpus", "4", "--json"],
        ["--requests", "5000", "--engine", "continuous", "--gpus", "2", "--admission", "multi-bin", "--batching", "dynamic", "--json"],
        ["--requests", "3000", "--predictor", "noisy-oracle", "--calibration", Calibration()],
    ];

    private static string Calibration()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "data", "calibration", "qwen3-1.7b-rtx4080.csv");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("data/calibration/qwen3-1.7b-rtx4080.csv above the test folder");
    }

    [Fact]
    public void The_il_build_prints_what_mbsim_run_prints()
    {
        // Built by the test project's build (a project reference without its assembly), in its own output folder.
        string tests = Path.Combine("tests", "MultiBinSim.Tests") + Path.DirectorySeparatorChar;
        string assembly = Path.Combine(
            AppContext.BaseDirectory.Replace(tests, Path.Combine("src", "MultiBinSim.Run") + Path.DirectorySeparatorChar, StringComparison.Ordinal),
            "mbsim-run.dll"
        );
        Assert.True(File.Exists(assembly), $"{assembly} is missing: build src/MultiBinSim.Run");
        AssertSameAsMbsimRun("dotnet", assembly);
    }

    [Fact]
    public void The_native_aot_executable_prints_what_mbsim_run_prints()
    {
        string? native = Environment.GetEnvironmentVariable("MBSIM_RUN_AOT");
        if (string.IsNullOrEmpty(native))
        {
            Assert.Skip("MBSIM_RUN_AOT is not set: publish src/MultiBinSim.Run with -r <rid> (Native AOT) and set it to the executable, as .ci/run does.");
        }

        Assert.True(File.Exists(native), $"MBSIM_RUN_AOT={native} does not exist");
        AssertSameAsMbsimRun(native, null);
    }

    private static void AssertSameAsMbsimRun(string program, string? assembly)
    {
        foreach (var arguments in Configurations)
        {
            var expected = MbsimProcess.Run(["run", .. arguments]);
            var actual = Run(program, assembly, arguments);
            Assert.True(expected.ExitCode == 0, expected.Stderr);
            Assert.Equal(expected.ExitCode, actual.ExitCode);
            Assert.Equal(WithoutClock(expected.Stdout), WithoutClock(actual.Stdout));
        }

        // --requests-out: the same bytes in both formats (Parquet.Net's writer under Native AOT too).
        using (var tmp = new TempFiles())
        {
            foreach (var name in new[] { "requests.parquet", "requests.csv" })
            {
                string expectedFile = Path.Combine(tmp.Folder, "expected-" + name),
                    actualFile = Path.Combine(tmp.Folder, "actual-" + name);
                string[] common = ["--requests", "3000", "--engine", "continuous", "--gpus", "2", "--admission", "multi-bin", "--json", "--requests-out"];
                var expected = MbsimProcess.Run(["run", .. common, expectedFile]);
                var actual = Run(program, assembly, [.. common, actualFile]);
                Assert.True(expected.ExitCode == 0, expected.Stderr);
                Assert.True(actual.ExitCode == 0, actual.Stderr);
                Assert.Equal(File.ReadAllBytes(expectedFile), File.ReadAllBytes(actualFile));
            }
        }

        // --config: the same run from the same file, and the same one-line error for a bad value in it.
        using (var tmp = new TempFiles())
        {
            string config = tmp.Write(
                "run.toml",
                "[workload]\nrequests = 3000\n\n[engine]\nengine = \"continuous\"\ngpus = 2\n\n[routing]\nadmission = \"multi-bin\"\n\n[output]\njson = true\n"
            );
            var expected = MbsimProcess.Run("run", "--config", config);
            var actual = Run(program, assembly, ["--config", config]);
            Assert.True(expected.ExitCode == 0, expected.Stderr);
            Assert.Equal(expected.ExitCode, actual.ExitCode);
            Assert.Equal(WithoutClock(expected.Stdout), WithoutClock(actual.Stdout));
            string bad = tmp.Write("bad.yaml", "workload:\n  requests: many\n");
            expected = MbsimProcess.Run("run", "--config", bad);
            actual = Run(program, assembly, ["--config", bad]);
            Assert.Equal(2, expected.ExitCode);
            Assert.Equal(expected.ExitCode, actual.ExitCode);
            Assert.Equal(expected.Stderr, actual.Stderr);
        }

        // Bad input: the same one-line errors and exit codes.
        foreach (
            var arguments in new[]
            {
                new[] { "--k", "0" },
                ["--dataset", "/nonexistent/trace.csv"],
                ["--json", "--gpu", "4"],
                ["--requests", "abc"],
                ["--policy", "sarathi"],
                ["--requests-out", "requests.txt"],
            }
        )
        {
            var expected = MbsimProcess.Run(["run", .. arguments]);
            var actual = Run(program, assembly, arguments);
            Assert.NotEqual(0, expected.ExitCode);
            Assert.Equal(expected.ExitCode, actual.ExitCode);
            Assert.Equal(expected.Stderr, actual.Stderr);
        }
    }

    /// <summary>The output without the simulation's wall-clock time, the one figure that differs between two runs.</summary>
    private static string WithoutClock(string output) =>
        string.Join('\n', output.Split('\n').Where(line => !line.Contains("execution_time", StringComparison.Ordinal)));

    private static (int ExitCode, string Stdout, string Stderr) Run(string program, string? assembly, string[] arguments) =>
        MbsimProcess.Exec(program, assembly is null ? arguments : [assembly, .. arguments]);
}
