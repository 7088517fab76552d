using System.Text.Json;
using MultiBinSim.Errors;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Workloads;
using static MultiBinSim.Tests.Continuous.ContinuousScenario;

namespace MultiBinSim.Tests.Continuous;

/// <summary>Engine registration, validation, determinism and the batch engine's numbers left alone.</summary>
public class ContinuousRunTests
{
    private static Workload Synthetic(int n) => WorkloadBuilder.Build(SyntheticBurstGpt.Generate(n), new WorkloadOptions { Requests = n });

    [Fact]
    public void The_engine_is_registered_as_continuous_and_batch_stays_the_default()
    {
        Assert.Equal("batch", SimulationEngines.Default);
        Assert.IsType<ContinuousEngine>(SimulationEngines.Get("continuous"));
        Assert.Equal("batch", new SimulationConfig().Engine);
    }

    [Fact]
    public void Invalid_options_are_reported_all_at_once_keyed_by_property()
    {
        var config = Config(
            new ContinuousOptions
            {
                BlockSize = 0,
                MaxNumSeqs = 0,
                ChunkSize = -1,
                SloTtft = 0,
                StepModel = Linear(0, 0, 0, 0),
                KvSeriesReplica = 3,
            },
            gpus: 2
        );
        var e = Assert.Throws<ConfigurationException>(config.Validate);
        var properties = e.Errors.Select(x => x.Property).ToHashSet();
        Assert.Superset(
            properties,
            new HashSet<string>
            {
                "Continuous.BlockSize",
                "Continuous.MaxNumSeqs",
                "Continuous.ChunkSize",
                "Continuous.SloTtft",
                "Continuous.StepModel",
                "Continuous.KvSeriesReplica",
            }
        );
        Assert.DoesNotContain(e.Message, "--");
    }

    [Fact]
    public void Continuous_options_are_not_validated_for_the_batch_engine()
    {
        new SimulationConfig { Continuous = new ContinuousOptions { BlockSize = 0 } }.Validate();
    }

    [Fact]
    public void The_batch_engine_leaves_the_continuous_metrics_empty()
    {
        var m = SimulationEngines.Run(Synthetic(2_000), new SimulationConfig()).Metrics;
        Assert.Null(m.AvgTtft);
        Assert.Null(m.NumIterations);
        Assert.Null(m.SloAttainment);
    }

    [Fact]
    public void Same_inputs_give_the_same_bytes_on_any_thread()
    {
        var workload = Synthetic(20_000);
        var config = new SimulationConfig
        {
            Engine = ContinuousEngine.EngineName,
            Gpus = 3,
            Continuous = new ContinuousOptions { Routing = ReplicaRouting.LeastKv, KvBlocks = 3_000 },
        };
        string Fingerprint()
        {
            var r = SimulationEngines.Run(workload, config);
            var t = r.Continuous!;
            return JsonSerializer.Serialize(r.Metrics with { ExecutionTimeSeconds = 0 })
                + JsonSerializer.Serialize(t.FirstToken.Select(BitConverter.DoubleToInt64Bits))
                + JsonSerializer.Serialize(t.Completion.Select(BitConverter.DoubleToInt64Bits))
                + JsonSerializer.Serialize(t.Replica)
                + JsonSerializer.Serialize(t.Preemptions);
        }

        string first = Fingerprint();
        var parallel = new string[4];
        Parallel.For(0, parallel.Length, i => parallel[i] = Fingerprint());
        Assert.All(parallel, p => Assert.Equal(first, p));
        Assert.Contains("\"NumPreemptions\":", first);
    }

    [Fact]
    public void Common_metrics_describe_the_run()
    {
        var workload = Synthetic(5_000);
        var result = SimulationEngines.Run(workload, new SimulationConfig { Engine = ContinuousEngine.EngineName, Gpus = 2 });
        var m = result.Metrics;
        var t = result.Continuous!;
        Assert.Equal(workload.Count, m.NumCompleted + m.NumRejected);
        Assert.Equal(m.NumIterations, m.NumBatches);
        Assert.Equal(m.AvgRunningSequences!.Value, m.AvgBatchSize, 12);
        Assert.InRange(m.MaxBatchSize, 1, 256);
        Assert.InRange(m.AvgGpuUtilization, 0.0, 1.0);
        Assert.InRange(m.MaxKvUtilization!.Value, m.AvgKvUtilization!.Value, 1.0);
        double lastCompletion = t.Completion.Where(c => !double.IsNaN(c)).Max();
        Assert.Equal(lastCompletion - workload.Arrivals[0], m.TotalTime, 9);
        var ttft = Enumerable.Range(0, workload.Count).Where(i => !double.IsNaN(t.FirstToken[i])).Select(i => t.FirstToken[i] - workload.Arrivals[i]).ToArray();
        Assert.Equal(ttft.Average(), m.AvgTtft!.Value, 9);
        Assert.Equal(MathNet.Numerics.Statistics.Statistics.QuantileCustom(ttft, 0.9, MathNet.Numerics.Statistics.QuantileDefinition.R7), m.P90Ttft!.Value, 9);
        var slaViolations = Enumerable.Range(0, workload.Count).Count(i => !double.IsNaN(t.Completion[i]) && t.Completion[i] > workload.Arrivals[i] + 1.0);
        Assert.Equal(slaViolations, m.NumSlaViolations);
        Assert.Equal(new long[] { m.NumCompleted }, m.BinRequestCounts);
    }
}
