using System.Globalization;
using System.Text.Json;

namespace MultiBinSim.Simulation.Continuous;

/// <summary>Sarathi-Serve's options (<see cref="SarathiPolicy"/>): the token budget of an iteration, <see cref="ChunkSize"/>.</summary>
public sealed record SarathiOptions : PolicyOptions
{
    /// <summary>The token budget of an iteration: each decode counts one token, prefill chunks fill the rest (<c>--chunk-size</c>).</summary>
    public required int ChunkSize { get; init; }

    /// <summary>Resolved from the run's options (<see cref="ContinuousOptions.ChunkSize"/>).</summary>
    public static SarathiOptions From(ContinuousOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SarathiOptions
        {
            BlockSize = options.BlockSize,
            MaxBatchedTokens = options.MaxBatchedTokens,
            ChunkSize = options.ChunkSize,
        };
    }

    /// <inheritdoc />
    public override void WriteJson(Utf8JsonWriter json)
    {
        base.WriteJson(json);
        json.WriteNumber("chunk_size", ChunkSize);
    }

    /// <inheritdoc />
    public override string Detail => $" (chunk {ChunkSize.ToString(CultureInfo.InvariantCulture)} tokens)";
}
