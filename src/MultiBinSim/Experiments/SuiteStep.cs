namespace MultiBinSim.Experiments;

/// <summary>The three steps of the stress suite (the original simulator's research plan).</summary>
public static class SuiteStep
{
    public const int RequestScaling = 1;
    public const int GpuScaling = 2;
    public const int KSensitivity = 3;

    /// <summary>Not one of the suite's three steps: rows written by the capacity search (<c>mbsim capacity</c>).</summary>
    public const int CapacitySearch = 4;

    /// <summary>The original simulator's later grid: requests x GPUs x K for <c>multi_bin_dynamic</c> (<c>--step grid</c>).</summary>
    public const int Grid = 5;

    /// <summary>Its comparison of four methods per workload size, the last at the grid's optimal configuration (<c>--step compare</c>).</summary>
    public const int Compare = 6;

    /// <summary>The seed's three steps: what <c>--step all</c> and the default run.</summary>
    public static IReadOnlyList<int> All { get; } = [RequestScaling, GpuScaling, KSensitivity];

    /// <summary>Every suite step in the order the whole test list (and shards) take them.</summary>
    public static IReadOnlyList<int> Ordered { get; } = [RequestScaling, GpuScaling, KSensitivity, Grid, Compare];

    public static string Name(int step) =>
        step switch
        {
            RequestScaling => "request_scaling",
            GpuScaling => "gpu_scaling",
            KSensitivity => "kbins_sensitivity",
            CapacitySearch => "capacity_search",
            Grid => "grid",
            Compare => "compare",
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, "--step must be 1, 2, 3, all, grid or compare."),
        };

    public static string Title(int step) =>
        step switch
        {
            RequestScaling => "Step 1: request scaling",
            GpuScaling => "Step 2: GPU scaling",
            KSensitivity => "Step 3: K sensitivity",
            CapacitySearch => "Capacity search",
            Grid => "Grid: requests x GPUs x K",
            Compare => "Compare: four methods per workload size",
            _ => throw new ArgumentOutOfRangeException(nameof(step)),
        };
}
