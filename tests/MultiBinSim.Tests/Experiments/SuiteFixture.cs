using MultiBinSim.Experiments;
using MultiBinSim.Storage;

namespace MultiBinSim.Tests.Experiments;

/// <summary>Small, fast suite settings for tests: N up to 10,000, up to 4 GPUs, no charts.</summary>
internal static class SuiteFixture
{
    public static SuiteOptions Small(string folder, params int[] steps) =>
        new()
        {
            Steps = steps.Length == 0 ? SuiteStep.All : steps,
            MaxRequests = 10_000,
            MaxGpus = 4,
            OutputFolder = folder,
            Parallelism = 2,
            WriteCharts = false,
        };

    public static Task<SuiteSummary> Run(SuiteOptions options) => new SuiteRunner(options, charts: new Reporting.SuiteChartWriter()).RunAsync();

    /// <summary>A view's rows as comparable text, without the columns that legitimately differ between runs.</summary>
    public static string[] Comparable(IEnumerable<ResultRow> rows)
    {
        int timestamp = ResultSchema.IndexOf("timestamp");
        int elapsed = ResultSchema.IndexOf("execution_time_seconds");
        return rows.Select(r => string.Join("|", r.Values.Select((v, i) => i == timestamp || i == elapsed ? "" : Format(v)))).ToArray();
    }

    private static string Format(object? v) =>
        v switch
        {
            double d => BitConverter.DoubleToInt64Bits(d).ToString(),
            IReadOnlyList<long> list => string.Join(" ", list),
            _ => v?.ToString() ?? "null",
        };
}
