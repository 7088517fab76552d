using MultiBinSim.Errors;
using MultiBinSim.Experiments;
using MultiBinSim.Simulation.Continuous;

namespace MultiBinSim.Tests.Experiments;

/// <summary><c>mbsim capacity</c> with prefill/decode pools: labelled by their split, run on P + D GPUs only.</summary>
public class CapacityDisaggregationTests
{
    private static readonly ContinuousOptions Split = new()
    {
        Disaggregation = new DisaggregationOptions { PrefillReplicas = 2, DecodeReplicas = 3 },
    };

    [Fact]
    public void A_disaggregated_variant_is_labelled_by_its_split()
    {
        Assert.Equal("vllm+2:3", CapacitySweepOptions.VariantLabel(Split));
        Assert.Equal("vllm", CapacitySweepOptions.VariantLabel(new ContinuousOptions()));
    }

    [Fact]
    public void A_disaggregated_variant_runs_on_p_plus_d_gpus_only()
    {
        var options = new CapacitySweepOptions
        {
            Engine = ContinuousEngine.EngineName,
            ContinuousVariants = [Split],
            Gpus = [5],
        };
        options.Validate();
        var wrong = Assert.Throws<ConfigurationException>(() => (options with { Gpus = [4, 5] }).Validate());
        var error = Assert.Single(wrong.Errors);
        Assert.Equal("Gpus", error.Property);
        Assert.Contains("P + D = 5 GPUs (got 4, 5)", error.Message);
    }

    /// <summary>Multi-bin admission on the decode pool also makes the K axis matter.</summary>
    [Fact]
    public void Multi_bin_decode_admission_searches_every_k()
    {
        var binned = Split with { Disaggregation = Split.Disaggregation! with { DecodeAdmission = ContinuousAdmission.MultiBin } };
        var options = new CapacitySweepOptions
        {
            Engine = ContinuousEngine.EngineName,
            ContinuousVariants = [binned],
            Gpus = [5],
            Ks = [1, 4],
        };
        Assert.Equal([1, 4], CapacitySweep.Plan(options).Select(t => t.K));
        Assert.Equal([1], CapacitySweep.Plan(options with { ContinuousVariants = [Split] }).Select(t => t.K));
    }
}
