using MultiBinSim.Latency;
using MultiBinSim.Latency.StepTime;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Tests.Continuous;

namespace MultiBinSim.Tests.Latency;

public class SeedStepTimeTests
{
    [Fact]
    public void The_seed_preset_charges_a_large_batchs_token_cost_of_the_calibration_per_iteration_and_per_prompt_token()
    {
        var spec = StepTimeModels.Parse("seed");
        Assert.Same(SeedStepTime.Spec, spec);
        Assert.Same(spec, StepTimeModels.Parse(" SEED "));
        // beta (1 + gamma) = 0.0003 * 1.4 s, and the batch engine charges that per token position as b grows.
        Assert.Equal(0.00042, spec.Model.Base, 15);
        Assert.Equal(spec.Model.Base, spec.Model.PerPrefillToken);
        Assert.Equal(0, spec.Model.PerSequence);
        Assert.Equal(0, spec.Model.PerKvToken);
        double largeBatchPerToken = (LatencyModel.Default.ServiceTime(1_000_000, 10_001) - LatencyModel.Default.ServiceTime(1_000_000, 1)) / 10_000;
        Assert.Equal(largeBatchPerToken, spec.Model.Base, 9);
        Assert.Contains("seed", StepTimeModels.KnownPresets, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(300, 200)]
    [InlineData(17, 999)]
    public void A_lone_request_takes_beta_one_plus_gamma_per_token_position_on_the_continuous_engine(int prompt, int output)
    {
        // One prefill iteration (Base + prompt * PerPrefillToken) gives the first token; output - 1 decode iterations of Base follow.
        var run = ContinuousScenario.Run(
            ContinuousScenario.Requests((0, prompt, output)),
            new ContinuousOptions { StepModel = SeedStepTime.Model, KvBlocks = 10_000 }
        );
        Assert.Equal(0.00042 * (prompt + output), run.Metrics.AvgLatency, 12);
    }
}
