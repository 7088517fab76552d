using System.Text.Json;
using System.Text.Json.Serialization;
using MultiBinSim.Scheduling;

namespace MultiBinSim.Experiments;

/// <summary>
/// The canonical text of a configuration object: System.Text.Json over every public property (declaration order,
/// snake_case names, enums by name, doubles in shortest round-trip form, schedulers by name, bin boundaries by their
/// bounds). Nothing is listed by hand, so a property added to any configuration record takes part automatically.
/// </summary>
public static class CanonicalConfiguration
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters =
        {
            new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower),
            new NameConverter<SchedulerKind>(k => k.Name),
            new NameConverter<BinBoundaries>(b => string.Join(' ', b.LowerBounds)),
            new NameConverter<Workloads.TraceFormat>(f => f.Name),
            new NameConverter<Simulation.Continuous.ContinuousPolicy>(p => p.Name),
            new NameConverter<Simulation.Continuous.ReplicaRouting>(r => r.Name),
            new NameConverter<Simulation.Continuous.ContinuousAdmission>(a => a.Name),
        },
    };

    /// <summary>The canonical JSON of <paramref name="value"/>.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Writes an object as one string.</summary>
    private sealed class NameConverter<T>(Func<T, string> name) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Canonical configurations are written, never read.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(name(value));
    }
}
