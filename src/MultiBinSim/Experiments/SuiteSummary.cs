using MultiBinSim.Storage;

namespace MultiBinSim.Experiments;

/// <summary>How one step of a suite run went.</summary>
public sealed record StepSummary(int Step, int Planned, int Run, int Skipped, int Failed, IReadOnlyList<ResultRow> Rows);

/// <summary>The outcome of a suite run: per-step counts and rows, and where the files went.</summary>
public sealed record SuiteSummary(string OutputFolder, IReadOnlyList<StepSummary> Steps, string AnalysisPath, IReadOnlyList<string> Charts, TimeSpan Elapsed)
{
    public int Failed => Steps.Sum(s => s.Failed);
}
