using System.Text;
using System.Text.Json;

namespace MultiBinSim.Experiments;

/// <summary>
/// What a sweep beyond the suite (<c>mbsim sweep predictors</c>, <c>mbsim sweep pd-ratio</c>) leaves in a results folder:
/// its rows (<see cref="CsvFileName"/>), its manifest (<see cref="ManifestFileName"/>: provenance, the resolved
/// configuration, the finding) and its chart pages in <c>charts/</c>; the folder's front page lists every sweep of
/// <see cref="All"/> it finds there.
/// </summary>
/// <param name="Name">The files' stem (<c>predictor_sweep</c>).</param>
/// <param name="Title">The heading on the front page.</param>
/// <param name="Description">What the rows are, in one sentence.</param>
public sealed record SweepOutput(string Name, string Title, string Description)
{
    public static SweepOutput Predictors { get; } =
        new(
            "predictor_sweep",
            "Predictor sweep (mbsim sweep predictors)",
            "one row per output-length predictor and K: capacity under SLA at one arrival rate, its gain over K = 1 and, with --capacity-search, the searched capacity"
        );

    public static SweepOutput PdRatio { get; } =
        new(
            "pd_ratio_sweep",
            "Prefill:decode split sweep (mbsim sweep pd-ratio)",
            "one row per layout of the GPUs (colocated, then P prefill + D decode replicas): goodput and capacity per GPU and the metrics that explain them"
        );

    /// <summary>Every sweep the front page looks for.</summary>
    public static IReadOnlyList<SweepOutput> All { get; } = [Predictors, PdRatio];

    public string CsvFileName => Name + ".csv";

    public string ManifestFileName => Name + ".json";

    /// <summary>
    /// The manifest (no times, so the same sweep gives the same bytes): <c>manifest</c> with the provenance
    /// (<see cref="RunManifest.WriteProvenance"/>) and the resolved <paramref name="configuration"/> as canonical JSON
    /// (<see cref="CanonicalConfiguration"/>), and the sweep's <paramref name="finding"/>.
    /// </summary>
    public static string ManifestJson<T>(string dataset, T configuration, string finding)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(finding);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("manifest");
            RunManifest.WriteProvenance(
                json,
                CodeVersion.Full,
                RunManifest.FindGitCommit(),
                dataset,
                ExperimentContext.Sha256Of(dataset),
                Workloads.Datasets.IsSynthetic(dataset)
            );
            json.WritePropertyName("configuration");
            json.WriteRawValue(CanonicalConfiguration.Serialize(configuration));
            json.WriteEndObject();
            json.WriteString("finding", finding);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
