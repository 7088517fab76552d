using System.Security.Cryptography;
using System.Text;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Storage;

namespace MultiBinSim.Experiments;

/// <summary>
/// The extra columns a suite row on the continuous engine carries (batch-engine rows have none, so their files stay as
/// before): <c>engine</c> and <c>engine_options</c>, the first 16 hex digits of the SHA-256 of the canonical JSON of its
/// <see cref="ContinuousOptions"/>, so that one results folder can hold several engines' and settings' runs and each
/// analysis reads only its own.
/// </summary>
public static class EngineColumns
{
    /// <summary>The engine that ran the row (absent: the batch engine).</summary>
    public static string Engine => ConfigurationColumns.Engine.Name;

    /// <summary>A fingerprint of the continuous engine's options.</summary>
    public static string Options => ConfigurationColumns.EngineOptions.Name;

    /// <summary>The fingerprint of an engine's <paramref name="settings"/>.</summary>
    public static string Fingerprint(object settings) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalConfiguration.Serialize(settings))))[..16];

    /// <summary>
    /// <paramref name="row"/> tagged with <paramref name="engine"/> and its own <paramref name="settings"/>
    /// (<see cref="Simulation.ISimulationEngine.Settings"/>).
    /// </summary>
    public static ResultRow Tag(ResultRow row, string engine, object settings)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.WithExtra((Engine, engine), (Options, Fingerprint(settings)));
    }

    /// <summary>A disaggregated row's prefill replicas at its GPU count (absent: colocated).</summary>
    public static string PrefillReplicas => ConfigurationColumns.PrefillReplicas.Name;

    /// <summary>A disaggregated row's decode replicas at its GPU count (absent: colocated).</summary>
    public static string DecodeReplicas => ConfigurationColumns.DecodeReplicas.Name;

    /// <summary><paramref name="row"/> tagged with the split its disaggregated run had (<paramref name="pools"/>).</summary>
    public static ResultRow TagPools(ResultRow row, DisaggregationOptions pools)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(pools);
        return row.WithExtra(
            (PrefillReplicas, pools.PrefillReplicas.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (DecodeReplicas, pools.DecodeReplicas.ToString(System.Globalization.CultureInfo.InvariantCulture))
        );
    }

    /// <summary>Whether <paramref name="row"/> ran on the engine and settings of <paramref name="options"/>.</summary>
    public static bool Matches(ResultRow row, SuiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(options);
        string engine = row.Extra.TryGetValue(Engine, out var e) && e is not null ? e : Simulation.SimulationEngines.Default;
        if (engine != options.Engine)
        {
            return false;
        }

        return SettingsOf(options) is not { } settings || (row.Extra.TryGetValue(Options, out var fingerprint) && fingerprint == Fingerprint(settings));
    }

    /// <summary>
    /// The engine settings the rows of a suite run with <paramref name="options"/> are tagged with (<see cref="Simulation.ISimulationEngine.Settings"/>), or
    /// null: untagged.
    /// </summary>
    public static object? SettingsOf(SuiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Simulation
            .SimulationEngines.Get(options.Engine)
            .Settings(new Simulation.SimulationConfig { Engine = options.Engine, Continuous = options.Continuous });
    }
}
