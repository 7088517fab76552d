using System.Globalization;
using MultiBinSim.Errors;

namespace MultiBinSim.Latency.StepTime;

/// <summary>
/// Resolves a <c>Continuous.StepModel</c> specification into a <see cref="StepTimeSpec"/>:
/// <list type="bullet">
/// <item><c>linear:BASE,PER_SEQ,PER_PREFILL_TOKEN,PER_KV_TOKEN</c>: the four terms in seconds, each finite and >= 0.</item>
/// <item><c>pang</c>: the dynamic-batching paper's decode-step model (<see cref="PangStepTime"/>).</item>
/// <item><c>seed</c>: the batch engine's calibration restated per iteration (<see cref="SeedStepTime"/>), for comparing the engines on the same
/// hardware.</item>
/// <item><c>roofline:MODEL@GPU</c>: a roofline of a catalogued model on a catalogued GPU (<see cref="RooflineStepTime"/>,
/// <see cref="LlmCatalogue"/>, <see cref="GpuCatalogue"/>); names are case-insensitive.</item>
/// <item><c>fit:CSV</c>: a non-negative least-squares fit to measured iterations (<see cref="StepTimeCsv"/>,
/// <see cref="StepTimeFit"/>); a relative path resolves against the base directory. With the optional
/// <c>prefill_tokens_squared</c> column and both decode and prefill rows, decode and prefill iterations are fitted
/// separately (<see cref="StepTimeFit.FitSplit"/>).</item>
/// </list>
/// Invalid specifications raise <see cref="ConfigurationException"/> keyed by <see cref="Property"/>; a malformed CSV
/// raises <see cref="InputFileException"/>.
/// </summary>
public static class StepTimeModels
{
    /// <summary>The configuration property a step-time specification is validated under.</summary>
    public const string Property = "Continuous.StepModel";

    /// <summary>The known presets, as error messages list them.</summary>
    public static string KnownPresets =>
        "linear:BASE,PER_SEQ,PER_PREFILL_TOKEN,PER_KV_TOKEN (seconds), pang, seed, "
        + $"roofline:MODEL@GPU (models: {string.Join(", ", LlmCatalogue.All.Select(m => m.Name))}; GPUs: {string.Join(", ", GpuCatalogue.All.Select(g => g.Name))}), "
        + "fit:CSV";

    /// <summary>
    /// Resolves <paramref name="spec"/>. A relative <c>fit:</c> path resolves against <paramref name="baseDirectory"/>
    /// (the current directory when null).
    /// </summary>
    public static StepTimeSpec Parse(string spec, string? baseDirectory = null)
    {
        string text = (spec ?? string.Empty).Trim();
        if (text.Equals(PangStepTime.Label, StringComparison.OrdinalIgnoreCase))
        {
            return PangStepTime.Spec;
        }

        if (text.Equals(SeedStepTime.Label, StringComparison.OrdinalIgnoreCase))
        {
            return SeedStepTime.Spec;
        }

        int colon = text.IndexOf(':');
        string kind = colon < 0 ? text : text[..colon].Trim();
        string argument = colon < 0 ? string.Empty : text[(colon + 1)..].Trim();
        return kind.ToLowerInvariant() switch
        {
            "linear" when colon >= 0 => ParseLinear(argument),
            "roofline" when colon >= 0 => ParseRoofline(argument),
            "fit" when colon >= 0 => ParseFit(argument, baseDirectory),
            _ => throw new ConfigurationException(
                Property,
                text.Length == 0 ? $"is empty (known presets: {KnownPresets})" : $"unknown step-time model '{text}' (known presets: {KnownPresets})"
            ),
        };
    }

    private static StepTimeSpec ParseLinear(string argument)
    {
        string[] parts = argument.Split(',');
        if (parts.Length != 4)
        {
            throw new ConfigurationException(
                Property,
                $"linear needs 4 comma-separated terms BASE,PER_SEQ,PER_PREFILL_TOKEN,PER_KV_TOKEN in seconds (got {parts.Length}: '{argument}')"
            );
        }

        string[] names = ["BASE", "PER_SEQ", "PER_PREFILL_TOKEN", "PER_KV_TOKEN"];
        var values = new double[4];
        var errors = new ValidationErrors();
        for (int i = 0; i < 4; i++)
        {
            string field = parts[i].Trim();
            bool parsed = double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]);
            errors.Require(
                parsed && double.IsFinite(values[i]) && values[i] >= 0,
                Property,
                $"linear term {names[i]} must be a finite number of seconds >= 0 (got '{field}')"
            );
        }

        errors.ThrowIfAny();
        string label = string.Create(CultureInfo.InvariantCulture, $"linear:{values[0]:R},{values[1]:R},{values[2]:R},{values[3]:R}");
        var model = new StepTimeModel(values[0], values[1], values[2], values[3], label);
        return new StepTimeSpec(model, $"{label} (seconds: base, per sequence, per prefill token, per KV token)");
    }

    private static StepTimeSpec ParseRoofline(string argument)
    {
        string[] parts = argument.Split('@');
        string models = string.Join(", ", LlmCatalogue.All.Select(m => m.Name));
        string gpus = string.Join(", ", GpuCatalogue.All.Select(g => g.Name));
        if (parts.Length != 2)
        {
            throw new ConfigurationException(Property, $"roofline needs MODEL@GPU (got '{argument}'; models: {models}; GPUs: {gpus})");
        }

        var model = LlmCatalogue.Find(parts[0].Trim());
        var gpu = GpuCatalogue.Find(parts[1].Trim());
        var errors = new ValidationErrors();
        errors.Require(model is not null, Property, $"unknown roofline model '{parts[0].Trim()}' (known models: {models})");
        errors.Require(gpu is not null, Property, $"unknown roofline GPU '{parts[1].Trim()}' (known GPUs: {gpus})");
        errors.ThrowIfAny();
        return RooflineStepTime.Build(model!, gpu!);
    }

    private static StepTimeSpec ParseFit(string argument, string? baseDirectory)
    {
        if (argument.Length == 0)
        {
            throw new ConfigurationException(Property, $"fit needs a CSV path (fit:PATH, columns {StepTimeCsv.Header})");
        }

        string path = Path.IsPathRooted(argument) || baseDirectory is null ? argument : Path.Combine(baseDirectory, argument);
        var measurements = StepTimeCsv.LoadMeasurements(path);
        var fit = StepTimeFit.Fit(measurements, path, $"fit:{argument}");
        return new StepTimeSpec(fit.Model, fit.Summary, Fit: fit);
    }
}
