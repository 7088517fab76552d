using MultiBinSim.Errors;

namespace MultiBinSim.Experiments.Reproductions;

/// <summary>How a reproduction runs. Results depend on <see cref="Quick"/> and <see cref="Seeds"/> only, never on
/// <see cref="Parallelism"/>.</summary>
public sealed record ReproductionOptions
{
    /// <summary>The default output folder.</summary>
    public const string DefaultOutputFolder = "results/reproduce";

    /// <summary>Smaller runs (fewer seeds, points or requests, documented per figure) for CI.</summary>
    public bool Quick { get; init; }

    /// <summary>Seeds per point; null = the figure's default (the paper's 10 at full size, 2 when quick).</summary>
    public int? Seeds { get; init; }

    /// <summary>Where <c>Reporting.ReproductionWriter</c> writes NAME.csv and NAME.html.</summary>
    public string OutputFolder { get; init; } = DefaultOutputFolder;

    /// <summary>
    /// A folder of genuine traces (e.g. ../shared/data/traces) that figures driven by length distributions also run on;
    /// null = only the embedded synthetic trace.
    /// </summary>
    public string? GenuineTraceFolder { get; init; }

    /// <summary>Simulations run at once (1 = serial).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The seeds per point: <see cref="Seeds"/> if set, else <paramref name="full"/> or <paramref name="quick"/>.</summary>
    public int SeedsOr(int full, int quick) => Seeds ?? (Quick ? quick : full);

    /// <summary>Throws a <see cref="ConfigurationException"/> listing every invalid property.</summary>
    public void Validate()
    {
        var errors = new ValidationErrors("Reproduction");
        errors.Require(Seeds is null or >= 1 and <= 1000, nameof(Seeds), $"must be between 1 and 1000 (got {Seeds})");
        errors.Require(Parallelism is >= 1 and <= 1024, nameof(Parallelism), $"must be between 1 and 1024 (got {Parallelism})");
        errors.Require(!string.IsNullOrWhiteSpace(OutputFolder), nameof(OutputFolder), "must not be empty");
        errors.Require(
            GenuineTraceFolder is null || Directory.Exists(GenuineTraceFolder),
            nameof(GenuineTraceFolder),
            $"folder '{GenuineTraceFolder}' does not exist"
        );
        errors.ThrowIfAny();
    }
}
