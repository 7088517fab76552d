using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace MultiBinSim.Benchmarks;

/// <summary>
/// Issue 22's linear-scaling check: whole <c>mbsim run</c> processes (start-up, workload, run, output) over 1M and
/// 100M synthetic requests, side by side in one benchmark run. Each iteration starts one process (the CLI built in
/// Release: <c>dotnet build -c Release</c> first); <see cref="ScalingColumns"/> adds the ratio of the 100M time to
/// 100 x the 1M time (at most 1.3 is the bound) and each case's peak resident set (the largest child's, from
/// <c>getrusage(RUSAGE_CHILDREN)</c>: each case runs in its own benchmark process).
/// <para>Long: about 20 s per 100M batch run and minutes per 100M continuous run.
/// <c>dotnet run -c Release --project tests/MultiBinSim.Benchmarks -- --filter "*StreamingScaling*"</c>.</para>
/// </summary>
[Config(typeof(ScalingConfig))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class StreamingScalingBenchmarks
{
    /// <summary>The 1M baseline and the 100M run it is compared with.</summary>
    public const int Baseline = 1_000_000;

    [ParamsSource(nameof(Cases))]
    public ScalingCase Case { get; set; } = null!;

    [Params(Baseline, 100 * Baseline)]
    public int Requests { get; set; }

    public static IEnumerable<ScalingCase> Cases =>
        [
            // Loads the cluster serves in full (README, "Streaming runs"): an overloaded run holds O(N) requests in flight.
            new("batch multi_bin_dynamic K=4 G=4", "--gpus 4 --scheduler multi_bin_dynamic --k 4 --rps-scaling 80"),
            new("continuous vllm G=16", "--engine continuous --policy vllm --gpus 16 --rps-scaling 320"),
        ];

    [Benchmark(Description = "mbsim run (whole process)")]
    public void Run()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(MbsimPath.Value);
        start.ArgumentList.Add("run");
        foreach (string argument in Case.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--requests");
        start.ArgumentList.Add(Requests.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--json");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var output = process.StandardOutput.ReadToEndAsync();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || !output.Result.Contains("\"num_requests\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"mbsim run {Case.Arguments} --requests {Requests} failed ({process.ExitCode}): {error}");
        }
    }

    /// <summary>Forgets an earlier benchmark run's peak of this case.</summary>
    [GlobalSetup]
    public void ForgetPeak() => PeakFiles.Delete(Case, Requests);

    /// <summary>Records this case's peak resident set for <see cref="ScalingColumns"/> (the benchmark process's largest child).</summary>
    [GlobalCleanup]
    public void RecordPeak() => PeakFiles.Write(Case, Requests, ChildPeakBytes());

    private static readonly Lazy<string> MbsimPath = new(FindMbsim);

    private static string FindMbsim()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MultiBinSim.slnx")))
            {
                string dll = Path.Combine(folder.FullName, "src", "MultiBinSim.Cli", "bin", "Release", "net10.0", "mbsim.dll");
                return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: run `dotnet build -c Release` first");
            }
        }

        throw new InvalidOperationException($"no MultiBinSim.slnx above {AppContext.BaseDirectory}");
    }

    /// <summary>ru_maxrss of RUSAGE_CHILDREN: the largest peak resident set of the waited-for children (Linux: KiB).</summary>
    private static long ChildPeakBytes()
    {
        if (!OperatingSystem.IsLinux())
        {
            return -1;
        }

        var usage = new RUsage();
        return GetRUsage(-1, ref usage) == 0 ? usage.MaxRss * 1024 : -1;
    }

    [DllImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static extern int GetRUsage(int who, ref RUsage usage);

    /// <summary>struct rusage on 64-bit Linux: two timevals, then 14 longs (ru_maxrss first).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds,
            UserMicroseconds,
            SystemSeconds,
            SystemMicroseconds;
        public long MaxRss;
        public long Ixrss,
            Idrss,
            Isrss,
            Minflt,
            Majflt,
            Nswap,
            Inblock,
            Oublock,
            Msgsnd,
            Msgrcv,
            Nsignals,
            Nvcsw,
            Nivcsw;
    }

    private sealed class ScalingConfig : ManualConfig
    {
        public ScalingConfig() => AddColumn(new RatioColumn(), new PeakColumn());
    }
}

/// <summary>One command line of the scaling benchmark: its label and the <c>mbsim run</c> options besides <c>--requests</c>.</summary>
public sealed record ScalingCase(string Label, string Arguments)
{
    public override string ToString() => Label;
}

/// <summary>Where each case's benchmark process leaves its peak resident set for the host's column.</summary>
internal static class PeakFiles
{
    private static string PathOf(ScalingCase scaling, int requests) =>
        Path.Combine(Path.GetTempPath(), "mbsim-scaling", $"{scaling.Label.Replace(' ', '_')}-{requests}.peak");

    public static void Write(ScalingCase scaling, int requests, long bytes)
    {
        string path = PathOf(scaling, requests);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, bytes.ToString(CultureInfo.InvariantCulture));
    }

    public static void Delete(ScalingCase scaling, int requests) => File.Delete(PathOf(scaling, requests));

    public static long? Read(ScalingCase scaling, int requests) =>
        File.Exists(PathOf(scaling, requests))
        && long.TryParse(File.ReadAllText(PathOf(scaling, requests)), CultureInfo.InvariantCulture, out long bytes)
        && bytes >= 0
            ? bytes
            : null;
}

/// <summary>The columns of <see cref="StreamingScalingBenchmarks"/>.</summary>
internal static class ScalingColumns
{
    public static ScalingCase CaseOf(BenchmarkCase benchmark) => (ScalingCase)benchmark.Parameters[nameof(StreamingScalingBenchmarks.Case)];

    public static int RequestsOf(BenchmarkCase benchmark) => (int)benchmark.Parameters[nameof(StreamingScalingBenchmarks.Requests)];

    public static double? MeanOf(Summary summary, ScalingCase scaling, int requests)
    {
        foreach (var report in summary.Reports)
        {
            if (CaseOf(report.BenchmarkCase) == scaling && RequestsOf(report.BenchmarkCase) == requests && report.ResultStatistics is { } statistics)
            {
                return statistics.Mean;
            }
        }

        return null;
    }
}

/// <summary>A run's mean time over 100 x its case's 1M mean (issue 22: at most 1.3); 1 for the baseline itself.</summary>
internal sealed class RatioColumn : IColumn
{
    public string Id => "ScalingRatio";

    public string ColumnName => "vs 100 x 1M";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "mean time / (N / 1M x the same case's 1M mean); issue 22 asks <= 1.3 at 100M";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var scaling = ScalingColumns.CaseOf(benchmarkCase);
        int requests = ScalingColumns.RequestsOf(benchmarkCase);
        return
            ScalingColumns.MeanOf(summary, scaling, requests) is { } mean
            && ScalingColumns.MeanOf(summary, scaling, StreamingScalingBenchmarks.Baseline) is { } baseline
            ? (mean / (baseline * requests / StreamingScalingBenchmarks.Baseline)).ToString("F3", CultureInfo.InvariantCulture)
            : "-";
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}

/// <summary>The case's peak resident set over its iterations (the largest mbsim process), MB.</summary>
internal sealed class PeakColumn : IColumn
{
    public string Id => "PeakRss";

    public string ColumnName => "Peak RSS";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Size;

    public string Legend => "largest peak resident set of the case's mbsim processes (getrusage RUSAGE_CHILDREN), MB";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        PeakFiles.Read(ScalingColumns.CaseOf(benchmarkCase), ScalingColumns.RequestsOf(benchmarkCase)) is { } bytes
            ? (bytes / 1e6).ToString("N0", CultureInfo.InvariantCulture) + " MB"
            : "-";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
