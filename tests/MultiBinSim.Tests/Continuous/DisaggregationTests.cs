using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Simulation.Continuous.Dynamic;

namespace MultiBinSim.Tests.Continuous;

/// <summary>Prefill/decode disaggregation against closed forms (README, "Prefill/decode disaggregation").</summary>
public class DisaggregationTests
{
    private const double GbPerToken = 2e-4;

    public static TheoryData<string> PrefillPolicies => new(ContinuousPolicies.All.Where(p => p.PrefillPool).Select(p => p.Name));

    private static SimulationConfig Config(ContinuousOptions options, DisaggregationOptions pools) =>
        new()
        {
            Engine = ContinuousEngine.EngineName,
            Gpus = pools.Replicas,
            Scheduler = new SchedulerOptions { Memory = new GpuMemoryModel(80, 16, GbPerToken, 0) },
            Continuous = options with { Disaggregation = pools, KvBlocks = options.KvBlocks ?? 10_000 },
        };

    /// <summary>
    /// One request at a time: TTFT is one prefill step of the prefill pool's model; the second token comes one KV
    /// transfer (latency + prompt x GB per token / bandwidth) plus one decode step of the decode pool's model later;
    /// then one decode step per token, each with its context.
    /// </summary>
    [Theory]
    [MemberData(nameof(PrefillPolicies))]
    public void A_lone_request_follows_the_closed_form(string policy)
    {
        var prefillModel = ContinuousScenario.Linear(0.020, 0.001, 2e-5, 0);
        var decodeModel = ContinuousScenario.Linear(0.010, 0.0005, 0, 1e-6);
        var pools = new DisaggregationOptions
        {
            PrefillReplicas = 2,
            DecodeReplicas = 1,
            KvTransferLatency = 0.003,
            KvTransferGbps = 10,
            PrefillStepModel = prefillModel,
            DecodeStepModel = decodeModel,
        };
        var options = new ContinuousOptions { Policy = ContinuousPolicies.TryParse(policy)!, PrefixCaching = policy == "vllm-v1" ? false : null };
        (int prompt, int output)[] shapes = [(100, 5), (37, 2), (256, 12)];
        var workload = ContinuousScenario.Requests(shapes.Select((s, i) => (100.0 * i, s.prompt, s.output)).ToArray());

        var result = SimulationEngines.Run(workload, Config(options, pools));

        var timeline = result.Continuous!;
        double transferSum = 0;
        for (int i = 0; i < shapes.Length; i++)
        {
            var (prompt, output) = shapes[i];
            double arrival = 100.0 * i;
            double ttft = 0.020 + 0.001 + 2e-5 * prompt;
            double transfer = 0.003 + prompt * GbPerToken / 10;
            double completion = arrival + ttft + transfer;
            for (int j = 1; j < output; j++)
            {
                completion += 0.010 + 0.0005 + 1e-6 * (prompt + j);
            }

            Assert.Equal(arrival + ttft, timeline.FirstToken[i], 9);
            Assert.Equal(completion, timeline.Completion[i], 9);
            transferSum += transfer;
        }

        Assert.Equal(transferSum / shapes.Length, result.Metrics.AvgKvTransferTime!.Value, 12);
        Assert.Equal(0, result.Metrics.NumPreemptions);
    }

    /// <summary>
    /// A saturated link: requests leave the prefill pool faster than the link carries them, so they reach the decode pool, and complete, one transfer time
    /// apart.
    /// </summary>
    [Fact]
    public void A_saturated_link_sets_the_throughput()
    {
        const int n = 40,
            prompt = 500;
        var pools = new DisaggregationOptions
        {
            PrefillReplicas = 1,
            DecodeReplicas = 1,
            KvTransferLatency = 0.002,
            KvTransferGbps = 1,
        };
        var options = new ContinuousOptions
        {
            Policy = ContinuousPolicy.VllmV1,
            PrefixCaching = false,
            StepModel = ContinuousScenario.Linear(0.001, 0, 1e-7, 0),
            MaxBatchedTokens = 1_000_000,
        };
        var workload = ContinuousScenario.Requests(Enumerable.Range(0, n).Select(_ => (0.0, prompt, 2)).ToArray());

        var result = SimulationEngines.Run(workload, Config(options, pools));

        double transfer = 0.002 + prompt * GbPerToken / 1; // 0.102 s, far above a prefill or decode step
        var completion = result.Continuous!.Completion.Order().ToArray();
        for (int i = 1; i < n; i++)
        {
            Assert.Equal(transfer, completion[i] - completion[i - 1], 9);
        }

        // Throughput between the first and the last completion = link bandwidth / KV bytes per request (with its latency).
        Assert.Equal(1 / transfer, (n - 1) / (completion[^1] - completion[0]), 6);
        Assert.True(result.Metrics.DecodeUtilization < 0.5 && result.Metrics.PrefillUtilization < 0.5);
    }

    [Fact]
    public void Goodput_per_gpu_is_goodput_over_the_gpus_on_both_layouts()
    {
        var workload = ContinuousScenario.Requests(Enumerable.Range(0, 30).Select(i => (0.05 * i, 50 + (i % 7) * 30, 3 + i % 5)).ToArray());
        var colocated = ContinuousScenario.Run(workload, new ContinuousOptions { KvBlocks = 2_000 }, gpus: 3).Metrics;
        var split = SimulationEngines
            .Run(workload, Config(new ContinuousOptions(), new DisaggregationOptions { PrefillReplicas = 1, DecodeReplicas = 2 }))
            .Metrics;

        Assert.Equal(colocated.GoodputRequestsPerSec!.Value / 3, colocated.GoodputPerGpu!.Value, 12);
        Assert.Equal(split.GoodputRequestsPerSec!.Value / 3, split.GoodputPerGpu!.Value, 12);
        Assert.Null(colocated.AvgKvTransferTime);
        Assert.Null(colocated.PrefillUtilization);
        Assert.NotNull(split.AvgKvTransferTime);
    }

    public static TheoryData<SimulationConfig, string> Invalid =>
        new()
        {
            { Config(new ContinuousOptions(), new DisaggregationOptions { PrefillReplicas = 2, DecodeReplicas = 2 }) with { Gpus = 3 }, "Gpus" },
            { Config(new ContinuousOptions { Policy = ContinuousPolicy.Orca }, new DisaggregationOptions()), "Continuous.Policy" },
            {
                Config(
                    new ContinuousOptions
                    {
                        Batching = BatchingMode.Dynamic,
                        Dynamic = new DynamicBatchingOptions { MinBatch = 50 },
                    },
                    new DisaggregationOptions { DecodeMaxNumSeqs = 20 }
                ),
                "Continuous.Dynamic.MaxBatch"
            },
            { Config(new ContinuousOptions(), new DisaggregationOptions { DecodeAdmission = null! }), "Continuous.Disaggregation.DecodeAdmission" },
            { Config(new ContinuousOptions(), new DisaggregationOptions { KvTransferGbps = 0 }), "Continuous.Disaggregation.KvTransferGbps" },
            {
                Config(new ContinuousOptions(), new DisaggregationOptions { DecodeReplicas = 0, PrefillReplicas = 2 }) with
                {
                    Gpus = 2,
                },
                "Continuous.Disaggregation.DecodeReplicas"
            },
        };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_pools_are_named(SimulationConfig config, string property)
    {
        var e = Assert.Throws<Errors.ConfigurationException>(config.Validate);
        Assert.Contains(property, e.Errors.Select(x => x.Property));
    }

    /// <summary>
    /// Any disaggregated run, under KV pressure too: every request completes or is rejected, its first token comes
    /// from a prefill replica, its second no earlier than one KV transfer after it, and tokens are conserved.
    /// </summary>
    [Property(MaxTest = 150)]
    public Property Every_request_crosses_the_link_once_and_completes(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        int n = random.Next(1, 50);
        var rows = new (double, int, int)[n];
        double t = 0;
        for (int i = 0; i < n; i++)
        {
            t += random.NextDouble() * 0.05;
            rows[i] = (t, random.Next(0, 300), random.Next(0, 40));
        }

        var workload = ContinuousScenario.Requests(rows);
        var policies = ContinuousPolicies.All.Where(p => p.PrefillPool).ToArray();
        var pools = new DisaggregationOptions
        {
            PrefillReplicas = 1 + random.Next(3),
            DecodeReplicas = 1 + random.Next(3),
            KvTransferLatency = random.NextDouble() * 0.01,
            KvTransferGbps = 0.5 + random.NextDouble() * 20,
            DecodeRouting = ReplicaRouters.All[random.Next(ReplicaRouters.All.Count)],
            DecodeMaxNumSeqs = 1 + random.Next(8),
            PrefillKvBlocks = random.Next(25, 80),
            DecodeKvBlocks = random.Next(25, 80),
        };
        var options = new ContinuousOptions
        {
            Policy = policies[random.Next(policies.Length)],
            StepModel = ContinuousScenario.Linear(0.01, 0.001, 1e-5, 1e-7),
            MaxNumSeqs = 1 + random.Next(8),
            Routing = ReplicaRouters.All[random.Next(ReplicaRouters.All.Count)],
        };
        var config = Config(options, pools);
        var result = SimulationEngines.Run(workload, config);
        var timeline = result.Continuous!;
        var m = result.Metrics;
        double minTransfer = pools.KvTransferLatency;
        bool ok = m.NumCompleted + m.NumRejected == n;
        for (int i = 0; i < n && ok; i++)
        {
            if (double.IsNaN(timeline.Completion[i]))
            {
                continue; // rejected
            }

            ok &= timeline.Completion[i] >= rows[i].Item1;
            if (rows[i].Item3 >= 2)
            {
                ok &= timeline.Replica[i] < pools.PrefillReplicas;
                ok &= timeline.Completion[i] >= timeline.FirstToken[i] + minTransfer - 1e-12;
            }
        }

        return ok.Label($"seed {seed.Get}: completed {m.NumCompleted} rejected {m.NumRejected} of {n}");
    }
}
