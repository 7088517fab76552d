using MultiBinSim.Errors;
using MultiBinSim.Latency.StepTime;

namespace MultiBinSim.Tests.Latency;

/// <summary>
/// Every expected coefficient is recomputed here from the cited spec figures (config.json of the checkpoints, NVIDIA
/// datasheets), written out as literals, not read from the catalogue.
/// </summary>
public class StepTimeRooflineTests
{
    private const double Compute = 0.5,
        Memory = 0.8,
        Overhead = 10e-6;

    private static void Close(double expected, double actual) => Assert.True(Math.Abs(actual / expected - 1) < 1e-12, $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void Efficiencies_are_the_documented_ones()
    {
        Assert.Equal(Compute, RooflineStepTime.ComputeEfficiency);
        Assert.Equal(Memory, RooflineStepTime.MemoryEfficiency);
        Assert.Equal(Overhead, RooflineStepTime.SequenceOverheadSeconds);
    }

    [Fact]
    public void Llama3_8B_on_A100_from_the_spec_figures()
    {
        // Llama-3-8B: 8,030,261,248 parameters in bf16; 32 layers, 8 KV heads of dimension 128.
        // A100 80GB SXM: 312e12 dense BF16 FLOP/s, 2.039e12 B/s, 80 GB.
        double weights = 8_030_261_248.0 * 2; // 16.06e9 bytes
        double kvPerToken = 2 * 32 * 8 * 128 * 2; // 131,072 bytes
        Assert.Equal(131_072, kvPerToken);

        var spec = StepTimeModels.Parse("roofline:Llama-3-8B@A100-80GB");
        Close(weights / (2.039e12 * Memory), spec.Model.Base);
        Assert.InRange(spec.Model.Base, 0.00984, 0.00985); // 16.06 GB / 1.63 TB/s = 9.85 ms
        Close(2 * 8_030_261_248.0 / (312e12 * Compute), spec.Model.PerPrefillToken);
        Close(2 * 8_030_261_248.0 / (312e12 * Compute) + Overhead, spec.Model.PerSequence);
        Close(131_072 / (2.039e12 * Memory), spec.Model.PerKvToken);
        Assert.Equal("roofline:Llama-3-8B@A100-80GB", spec.Model.Label);

        var memory = spec.Memory!;
        Assert.Equal(80e9, memory.MemoryBytes);
        Assert.Equal(weights, memory.WeightBytes);
        Assert.Equal(131_072, memory.KvBytesPerToken);
        Assert.Equal(1, memory.Gpus);
    }

    [Fact]
    public void Llama2_70B_TP4_on_H100_from_the_spec_figures()
    {
        // Llama-2-70B: 68,976,648,192 parameters in 16-bit; 80 layers, 8 KV heads of dimension 128; TP 4.
        // H100 SXM: 989.4e12 dense BF16 FLOP/s, 3.35e12 B/s, 80 GB per GPU.
        double weights = 68_976_648_192.0 * 2;
        double kvPerToken = 2 * 80 * 8 * 128 * 2; // 327,680 bytes, a quarter on each GPU
        var spec = StepTimeModels.Parse("roofline:Llama-2-70B@H100-80GB");
        Close(weights / 4 / (3.35e12 * Memory), spec.Model.Base);
        Close(2 * 68_976_648_192.0 / 4 / (989.4e12 * Compute), spec.Model.PerPrefillToken);
        Close(2 * 68_976_648_192.0 / 4 / (989.4e12 * Compute) + Overhead, spec.Model.PerSequence);
        Close(kvPerToken / 4 / (3.35e12 * Memory), spec.Model.PerKvToken);

        var memory = spec.Memory!;
        Assert.Equal(4 * 80e9, memory.MemoryBytes);
        Assert.Equal(weights, memory.WeightBytes);
        Assert.Equal(327_680, memory.KvBytesPerToken);
        Assert.Equal(4, memory.Gpus);
    }

    [Fact]
    public void Llama2_70B_TP4_on_A100_and_Llama3_8B_on_H100()
    {
        var a = StepTimeModels.Parse("roofline:Llama-2-70B@A100-80GB").Model;
        Close(68_976_648_192.0 * 2 / 4 / (2.039e12 * Memory), a.Base);
        Close(2 * 68_976_648_192.0 / 4 / (312e12 * Compute), a.PerPrefillToken);
        Close(327_680.0 / 4 / (2.039e12 * Memory), a.PerKvToken);

        var h = StepTimeModels.Parse("roofline:Llama-3-8B@H100-80GB").Model;
        Close(8_030_261_248.0 * 2 / (3.35e12 * Memory), h.Base);
        Close(2 * 8_030_261_248.0 / (989.4e12 * Compute), h.PerPrefillToken);
        Close(131_072.0 / (3.35e12 * Memory), h.PerKvToken);
    }

    [Fact]
    public void Catalogue_parameter_counts_match_the_architectures()
    {
        // Untied embedding + LM head, per layer q/k/v/o, a 3-matrix gated MLP and two norms, plus the final norm.
        long llama3 = 32L * (4096L * 4096 + 2L * 4096 * 1024 + 4096L * 4096 + 3L * 4096 * 14336 + 2 * 4096) + 2L * 128_256 * 4096 + 4096;
        long llama2 = 80L * (8192L * 8192 + 2L * 8192 * 1024 + 8192L * 8192 + 3L * 8192 * 28672 + 2 * 8192) + 2L * 32_000 * 8192 + 8192;
        Assert.Equal(8_030_261_248, llama3);
        Assert.Equal(68_976_648_192, llama2);
        foreach (var model in LlmCatalogue.All)
        {
            Assert.Equal(model.Parameters, model.ParametersFromArchitecture);
            Assert.Equal(model.HiddenSize, model.AttentionHeads * model.HeadDim);
            Assert.False(string.IsNullOrWhiteSpace(model.Source));
        }
    }

    [Theory]
    [InlineData("roofline:llama-3-8b@a100-80gb")]
    [InlineData("ROOFLINE:LLAMA-3-8B@A100-80GB")]
    [InlineData("roofline: Meta-Llama-3-8B @ a100-80gb-sxm ")]
    public void Names_are_case_insensitive_and_aliases_resolve(string text)
    {
        Assert.Equal(StepTimeModels.Parse("roofline:Llama-3-8B@A100-80GB").Model, StepTimeModels.Parse(text).Model);
    }

    [Fact]
    public void Unknown_model_and_gpu_are_both_reported_with_the_known_names()
    {
        var e = Assert.Throws<ConfigurationException>(() => StepTimeModels.Parse("roofline:gpt-5@tpu"));
        Assert.Equal(2, e.Errors.Count);
        Assert.All(e.Errors, error => Assert.Equal("Continuous.StepModel", error.Property));
        Assert.Contains("'gpt-5'", e.Errors[0].Message);
        Assert.Contains("Llama-3-8B, Llama-2-70B", e.Errors[0].Message);
        Assert.Contains("'tpu'", e.Errors[1].Message);
        Assert.Contains("A100-80GB, H100-80GB", e.Errors[1].Message);
    }

    [Theory]
    [InlineData("roofline:Llama-3-8B")]
    [InlineData("roofline:a@b@c")]
    public void Roofline_needs_model_at_gpu(string text)
    {
        var error = Assert.Single(Assert.Throws<ConfigurationException>(() => StepTimeModels.Parse(text)).Errors);
        Assert.Contains("MODEL@GPU", error.Message);
        Assert.Contains("H100-80GB", error.Message);
    }

    [Fact]
    public void Decode_iterations_are_memory_bound_and_prefill_is_compute_bound()
    {
        // Sanity of the roofline on Llama-3-8B / A100: one decode sequence adds far less than the weight stream,
        // a 2,048-token prefill costs more than it (ridge point near 2 * 312e12 * 0.5 / (2 * 2.039e12 * 0.8) ~ 96 tokens).
        var m = StepTimeModels.Parse("roofline:Llama-3-8B@A100-80GB").Model;
        Assert.True(m.PerSequence < m.Base / 50);
        Assert.True(m.PerPrefillToken * 2048 > m.Base * 10);
        Assert.InRange(m.Base / m.PerPrefillToken, 90, 100);
    }
}
