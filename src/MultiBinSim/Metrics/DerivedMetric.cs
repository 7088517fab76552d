namespace MultiBinSim.Metrics;

/// <summary>
/// A quantity computed across runs (for example capacity relative to the 1-GPU run), with the same naming, title and
/// unit conventions as <see cref="Metric"/>, for chart axes and tables.
/// </summary>
/// <param name="Name">snake_case name.</param>
/// <param name="Title">Human title.</param>
/// <param name="Unit">Unit, or null.</param>
/// <param name="Description">What it is, exactly.</param>
public sealed record DerivedMetric(string Name, string Title, string? Unit, string Description) : IMetric
{
    /// <summary>Capacity under SLA at G GPUs over G times the capacity at 1 GPU.</summary>
    public static DerivedMetric ScalingEfficiency { get; } =
        new(
            "scaling_efficiency",
            "scaling efficiency vs 1 GPU",
            "capacity / (G x capacity at 1 GPU)",
            "Capacity under SLA at G GPUs over G times the capacity at 1 GPU."
        );

    /// <summary>Capacity under SLA at K bins over the capacity at K = 1 of the same predictor.</summary>
    public static DerivedMetric GainVersusOneBin { get; } =
        new(
            "gain_vs_one_bin",
            "capacity under SLA relative to K = 1",
            null,
            "Capacity under SLA at K bins over the capacity at K = 1 with the same predictor."
        );

    /// <summary>
    /// Capacity under SLA at K bins over one common baseline: the K = 1 run of the sweep's first predictor (the same run for every predictor, since one bin
    /// never reads a prediction).
    /// </summary>
    public static DerivedMetric GainVersusCommonBaseline { get; } =
        new(
            "gain_vs_common_baseline",
            "capacity under SLA relative to the common K = 1 baseline",
            null,
            "Capacity under SLA at K bins over the capacity of one common baseline, the K = 1 run of the sweep's first predictor; comparable across predictors."
        );

    /// <summary>A predictor sweep's searched capacity at K bins over the searched capacity of the common K = 1 baseline.</summary>
    public static DerivedMetric SearchedCapacityGain { get; } =
        new(
            "capacity_gain_vs_common_baseline",
            "capacity relative to the common K = 1 baseline",
            null,
            "The highest arrival rate meeting the capacity criterion at K bins over that of the common K = 1 baseline (the sweep's first predictor)."
        );

    /// <summary>A predictor sweep's searched capacity: the highest arrival rate whose SLA violation rate meets the target.</summary>
    public static DerivedMetric SearchedCapacity { get; } =
        new(
            "capacity_requests_per_sec",
            "capacity: highest arrival rate within the SLA target",
            "req/s",
            "The highest arrival rate (requests per second) meeting the capacity criterion, found by a capacity search; 0 when none does."
        );

    /// <summary>A capacity search's sustained rate divided by the GPU (replica) count: how much each GPU carries within the criterion.</summary>
    public static DerivedMetric CapacityPerGpu { get; } =
        new(
            "capacity_requests_per_sec_per_gpu",
            "capacity per GPU",
            "req/s per GPU",
            "The highest arrival rate meeting the capacity criterion (request SLA or SLO attainment), divided by the number of GPUs (replicas); 0 when no rate meets it."
        );

    /// <summary>"title (unit)": the axis title of charts.</summary>
    public string AxisTitle => Unit is null ? Title : $"{Title} ({Unit})";

    public override string ToString() => Name;
}
