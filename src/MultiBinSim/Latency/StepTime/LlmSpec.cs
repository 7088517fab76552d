namespace MultiBinSim.Latency.StepTime;

/// <summary>
/// The architecture figures of a dense decoder-only transformer (Llama family) that a roofline step-time model is
/// computed from, as its published configuration states them. Entries live in <see cref="LlmCatalogue"/>, each with
/// its source.
/// </summary>
/// <param name="Name">Canonical name, as <c>roofline:MODEL@GPU</c> accepts it (case-insensitively).</param>
/// <param name="Parameters">Total parameter count (embeddings and LM head included).</param>
/// <param name="Layers">Decoder layers (<c>num_hidden_layers</c>).</param>
/// <param name="HiddenSize">Model width (<c>hidden_size</c>).</param>
/// <param name="IntermediateSize">Feed-forward width of the gated (SwiGLU) MLP (<c>intermediate_size</c>).</param>
/// <param name="AttentionHeads">Query heads (<c>num_attention_heads</c>).</param>
/// <param name="KvHeads">Key/value heads (<c>num_key_value_heads</c>; fewer than query heads under grouped-query attention).</param>
/// <param name="HeadDim">Dimension of one head (<c>hidden_size / num_attention_heads</c>).</param>
/// <param name="VocabSize">Vocabulary size (<c>vocab_size</c>).</param>
/// <param name="DtypeBytes">Bytes per weight and per KV-cache element (2 for bfloat16).</param>
/// <param name="TensorParallel">GPUs one replica spans (tensor parallelism); the replica's memory is their sum.</param>
/// <param name="Source">Where the figures come from.</param>
/// <param name="Aliases">Other accepted names.</param>
public sealed record LlmSpec(
    string Name,
    long Parameters,
    int Layers,
    int HiddenSize,
    int IntermediateSize,
    int AttentionHeads,
    int KvHeads,
    int HeadDim,
    int VocabSize,
    int DtypeBytes,
    int TensorParallel,
    string Source,
    IReadOnlyList<string> Aliases
)
{
    /// <summary>Bytes of the weights of the whole model: <c>Parameters * DtypeBytes</c>.</summary>
    public double WeightBytes => (double)Parameters * DtypeBytes;

    /// <summary>
    /// KV-cache bytes one token occupies in the whole model: a key and a value vector per layer and KV head,
    /// <c>2 * Layers * KvHeads * HeadDim * DtypeBytes</c>.
    /// </summary>
    public long KvBytesPerToken => 2L * Layers * KvHeads * HeadDim * DtypeBytes;

    /// <summary>
    /// The parameter count implied by the architecture (untied embedding and LM head, per layer q/k/v/o projections,
    /// a gated MLP of three matrices and two RMSNorm weight vectors, plus the final norm). The catalogue's stated
    /// <see cref="Parameters"/> must equal it; a test checks that.
    /// </summary>
    public long ParametersFromArchitecture
    {
        get
        {
            long h = HiddenSize,
                kv = (long)KvHeads * HeadDim,
                q = (long)AttentionHeads * HeadDim;
            long attention = h * q + 2 * h * kv + q * h;
            long mlp = 3 * h * IntermediateSize;
            long norms = 2 * h;
            return Layers * (attention + mlp + norms) + 2L * VocabSize * h + h;
        }
    }
}
