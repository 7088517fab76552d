using MultiBinSim.Cli;
using MultiBinSim.Latency.StepTime;

namespace MultiBinSim.Tests.Cli;

/// <summary>How the command line resolves the pools' KV transfer size.</summary>
public class DisaggregationCommandLineTests
{
    private static MultiBinSim.Experiments.RunSpec Spec(string commandLine)
    {
        var run = RunCommand.CreateForTests();
        return run.Spec(run.Command.Parse(commandLine));
    }

    /// <summary>
    /// A roofline step model knows its model: Llama-3-8B keeps 32 layers x 8 KV heads x 128 dims x 2 (K and V) x 2 bytes
    /// = 131,072 bytes per token, which a transfer moves; <c>--kv-per-token</c> overrides it, and without a roofline
    /// model the memory model's value applies.
    /// </summary>
    [Fact]
    public void A_roofline_model_sets_the_bytes_a_transfer_moves_unless_kv_per_token_is_given()
    {
        const string pools = "--engine continuous --prefill-replicas 1 --decode-replicas 1";
        var roofline = Spec($"{pools} --step-model roofline:Llama-3-8B@H100-80GB").Simulation;
        Assert.Equal(StepTimeModels.Parse("roofline:Llama-3-8B@H100-80GB").Memory!.KvBytesPerToken / 1e9, roofline.Continuous.Disaggregation!.KvGbPerToken);
        Assert.Equal(131_072e-9, roofline.Continuous.Disaggregation.ResolveKvGbPerToken(roofline.Scheduler.Memory), 15);

        var given = Spec($"{pools} --step-model roofline:Llama-3-8B@H100-80GB --kv-per-token 0.001").Simulation;
        Assert.Null(given.Continuous.Disaggregation!.KvGbPerToken);
        Assert.Equal(0.001, given.Continuous.Disaggregation.ResolveKvGbPerToken(given.Scheduler.Memory));

        var linear = Spec($"{pools} --step-model pang").Simulation;
        Assert.Null(linear.Continuous.Disaggregation!.KvGbPerToken);
        Assert.Equal(linear.Scheduler.Memory.KvCacheGbPerToken, linear.Continuous.Disaggregation.ResolveKvGbPerToken(linear.Scheduler.Memory));
    }
}
