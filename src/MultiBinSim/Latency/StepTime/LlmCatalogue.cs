namespace MultiBinSim.Latency.StepTime;

/// <summary>
/// The models <c>roofline:MODEL@GPU</c> knows, with their published architecture figures. Add a model by adding one
/// entry here (a test checks every entry's parameter count against its architecture).
/// </summary>
public static class LlmCatalogue
{
    /// <summary>
    /// Meta Llama 3 8B, served on one GPU in bfloat16. Figures from the Hugging Face checkpoint's config.json
    /// (meta-llama/Meta-Llama-3-8B: hidden_size 4096, intermediate_size 14336, num_hidden_layers 32,
    /// num_attention_heads 32, num_key_value_heads 8, vocab_size 128256, torch_dtype bfloat16) and the Llama 3 paper
    /// (Grattafiori et al., "The Llama 3 Herd of Models", arXiv 2407.21783, Table 3: 32 layers, model dimension
    /// 4,096, FFN dimension 14,336, 32 attention heads, 8 key/value heads). Head dimension 4096 / 32 = 128. Parameter
    /// count 8,030,261,248 (the checkpoint's total, "8.03B"; equal to the architecture's count).
    /// </summary>
    public static LlmSpec Llama3_8B { get; } =
        new(
            Name: "Llama-3-8B",
            Parameters: 8_030_261_248,
            Layers: 32,
            HiddenSize: 4096,
            IntermediateSize: 14336,
            AttentionHeads: 32,
            KvHeads: 8,
            HeadDim: 128,
            VocabSize: 128_256,
            DtypeBytes: 2,
            TensorParallel: 1,
            Source: "meta-llama/Meta-Llama-3-8B config.json; Llama 3 paper (arXiv 2407.21783) Table 3",
            Aliases: ["Meta-Llama-3-8B", "Llama3-8B"]
        );

    /// <summary>
    /// Meta Llama 2 70B, served with tensor parallelism over 4 GPUs in 16-bit weights (the checkpoint is float16;
    /// bfloat16 has the same 2 bytes). Figures from the Hugging Face checkpoint's config.json
    /// (meta-llama/Llama-2-70b-hf: hidden_size 8192, intermediate_size 28672, num_hidden_layers 80,
    /// num_attention_heads 64, num_key_value_heads 8, vocab_size 32000) and the Llama 2 paper (Touvron et al.,
    /// arXiv 2307.09288, Section 2.2 and Table 1: the 70B model uses grouped-query attention). Head dimension
    /// 8192 / 64 = 128. Parameter count 68,976,648,192 (the checkpoint's total, "69B"; equal to the architecture's
    /// count). Tensor parallelism 4 is the common deployment on 80 GB GPUs (138 GB of weights do not fit one GPU).
    /// </summary>
    public static LlmSpec Llama2_70B { get; } =
        new(
            Name: "Llama-2-70B",
            Parameters: 68_976_648_192,
            Layers: 80,
            HiddenSize: 8192,
            IntermediateSize: 28672,
            AttentionHeads: 64,
            KvHeads: 8,
            HeadDim: 128,
            VocabSize: 32_000,
            DtypeBytes: 2,
            TensorParallel: 4,
            Source: "meta-llama/Llama-2-70b-hf config.json; Llama 2 paper (arXiv 2307.09288) Table 1",
            Aliases: ["Llama-2-70B-TP4", "Llama2-70B"]
        );

    /// <summary>Every known model.</summary>
    public static IReadOnlyList<LlmSpec> All { get; } = [Llama3_8B, Llama2_70B];

    /// <summary>The model named <paramref name="name"/> (its name or an alias, case-insensitively), or null.</summary>
    public static LlmSpec? Find(string name)
    {
        foreach (var model in All)
        {
            if (
                string.Equals(model.Name, name, StringComparison.OrdinalIgnoreCase)
                || model.Aliases.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase))
            )
            {
                return model;
            }
        }

        return null;
    }
}
