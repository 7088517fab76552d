namespace MultiBinSim.Experiments;

/// <summary>The three steps of the stress suite (the original simulator's research plan).</summary>
public static class SuiteStep
{
    public const int RequestScaling = 1;
    public const int GpuScaling = 2;
    public const int KSensitivity = 3;

    /// <summary>Not one of the suite's three steps: rows written by the capacity search (<c>mbsim capacity</c>).</summary>
    public const int CapacitySearch = 4;

    public static IReadOnlyList<int> All { get; } = [RequestScaling, GpuScaling, KSensitivity];

    public static string Name(int step) => step switch
    {
        RequestScaling => "request_scaling",
        GpuScaling => "gpu_scaling",
        KSensitivity => "kbins_sensitivity",
        CapacitySearch => "capacity_search",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "--step must be 1, 2, 3 or all."),
    };

    public static string Title(int step) => step switch
    {
        RequestScaling => "Step 1: request scaling",
        GpuScaling => "Step 2: GPU scaling",
        KSensitivity => "Step 3: K sensitivity",
        CapacitySearch => "Capacity search",
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };
}
