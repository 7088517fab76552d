using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiBinSim.Latency.StepTime;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Simulation.Continuous.Dynamic;
using MultiBinSim.Tests.Continuous.Oracle;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Continuous;

/// <summary>The fast engine (closed-form decode stretches, aggregate KV accounting) against the plain per-iteration oracle.</summary>
public class OracleEquivalenceTests
{
    private const double Tolerance = 1e-9;

    /// <summary>Random small workloads: Poisson-like arrivals at random (generic) times, prompts and outputs from 0 to a few hundred tokens.</summary>
    private static Workload MakeWorkload(int seed, int count, double rate)
    {
        var random = new Random(seed);
        var arrivals = new double[count];
        var prompt = new int[count];
        var output = new int[count];
        double t = 0;
        for (int i = 0; i < count; i++)
        {
            t += -Math.Log(1 - random.NextDouble()) / rate;
            arrivals[i] = t;
            prompt[i] = random.Next(0, 10) == 0 ? random.Next(0, 3) : random.Next(1, 300);
            output[i] = random.Next(0, 8) == 0 ? random.Next(0, 3) : random.Next(1, 200);
        }

        return Workload.FromColumns(arrivals, prompt, output, output);
    }

    private static bool Close(double a, double b) =>
        (double.IsNaN(a) && double.IsNaN(b)) || Math.Abs(a - b) <= Tolerance * Math.Max(1.0, Math.Max(Math.Abs(a), Math.Abs(b)));

    public static bool FastEqualsOracle(Workload workload, SimulationConfig config, out string problem)
    {
        var fast = SimulationEngines.Run(workload, config);
        var oracle = ContinuousOracle.Run(workload, config);
        var timeline = fast.Continuous!;
        for (int i = 0; i < workload.Count; i++)
        {
            if (
                !Close(timeline.FirstToken[i], oracle.FirstToken[i])
                || !Close(timeline.Completion[i], oracle.Completion[i])
                || timeline.Replica[i] != oracle.Replica[i]
                || timeline.Preemptions[i] != oracle.Preemptions[i]
            )
            {
                problem =
                    $"request {i}: fast first {timeline.FirstToken[i]:R} completion {timeline.Completion[i]:R} replica {timeline.Replica[i]} preemptions {timeline.Preemptions[i]}; "
                    + $"oracle {oracle.FirstToken[i]:R} {oracle.Completion[i]:R} {oracle.Replica[i]} {oracle.Preemptions[i]}";
                return false;
            }
        }

        if (fast.Metrics.NumIterations != oracle.Iterations || fast.Metrics.NumPreemptions != oracle.Preemptions.Sum())
        {
            problem =
                $"iterations {fast.Metrics.NumIterations} vs {oracle.Iterations}, preemptions {fast.Metrics.NumPreemptions} vs {oracle.Preemptions.Sum()}";
            return false;
        }

        if (fast.Metrics.PrefillTokensComputed != oracle.PrefillTokensProcessed)
        {
            problem = $"prefill tokens computed {fast.Metrics.PrefillTokensComputed} vs {oracle.PrefillTokensProcessed}";
            return false;
        }

        double? hitRate = config.Continuous.PrefixCachingEnabled
            ? oracle.PrefixQueryTokens > 0
                ? (double)oracle.PrefixHitTokens / oracle.PrefixQueryTokens
                : 0.0
            : null;
        if (fast.Metrics.PrefixCacheHitRate != hitRate)
        {
            problem = $"prefix-cache hit rate {fast.Metrics.PrefixCacheHitRate} vs {hitRate}";
            return false;
        }

        problem = "";
        return true;
    }

    /// <summary>
    /// Prefix caching (every policy that implements it: vllm-v1, sarathi): random shared prefixes, either groups (the shared-prefix model) or hash chains with
    /// trace blocks of 1-4 engine blocks (as Mooncake's hash_ids), small KV caches so that cached blocks are evicted and
    /// requests preempted, every router and admission order; the engine's aggregate free queue against the oracle's
    /// physical blocks.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Fast_engine_matches_the_oracle_with_prefix_caching(PositiveInt seed, byte policyIndex, byte routingIndex, byte shape) =>
        PrefixCachingCase(seed.Get, policyIndex, routingIndex, shape, out string label).Label(label);

    /// <summary>Cases FsCheck once found, kept as regressions (policy index 1: vllm-v1).</summary>
    [Theory]
    [InlineData(10, 1, 53, 14)]
    public void Prefix_caching_regressions(int seed, byte policyIndex, byte routingIndex, byte shape) =>
        Assert.True(PrefixCachingCase(seed, policyIndex, routingIndex, shape, out string label), label);

    /// <summary>The policies that implement prefix caching, in registry order.</summary>
    private static readonly ContinuousPolicy[] CachingPolicies = [.. ContinuousPolicies.All.Where(p => p.SupportsPrefixCaching)];

    private static bool PrefixCachingCase(int seed, byte policyIndex, byte routingIndex, byte shape, out string label)
    {
        var random = new Random(seed);
        var basis = MakeWorkload(seed, random.Next(1, 60), rate: 0.5 + random.NextDouble() * 40);
        int n = basis.Count;
        int blockSize = new[] { 1, 2, 4, 16 }[random.Next(4)];
        PrefixIdentity identity;
        if (random.Next(2) == 0)
        {
            int groups = 1 + random.Next(4);
            double share = random.NextDouble();
            identity = PrefixIdentity.Groups(
                Enumerable.Range(0, n).Select(_ => random.Next(groups)).ToArray(),
                basis.PromptTokens.ToArray().Select(p => (int)(share * p)).ToArray(),
                "groups"
            );
        }
        else
        {
            int traceBlock = blockSize * (1 + random.Next(4));
            var offsets = new int[n + 1];
            var hashes = new List<long>();
            for (int i = 0; i < n; i++)
            {
                int length = (basis.PromptTokens[i] + traceBlock - 1) / traceBlock;
                for (int j = 0; j < length; j++)
                {
                    // Few distinct hashes per position, so that chains share prefixes and then part.
                    hashes.Add(random.Next(3) == 0 ? 1000 + random.Next(1000) : random.Next(2));
                }

                offsets[i + 1] = hashes.Count;
            }

            identity = PrefixIdentity.HashChains(offsets, hashes.ToArray(), traceBlock, "chains");
        }

        var workload = basis.WithPrefixes(identity);
        int maxNumSeqs = 1 + random.Next(12);
        var options = new ContinuousOptions
        {
            Policy = CachingPolicies[policyIndex % CachingPolicies.Length],
            Routing = ReplicaRouters.All[routingIndex % ReplicaRouters.All.Count],
            Admission = AdmissionOrders.All[shape / 3 % AdmissionOrders.All.Count],
            StepModel = ContinuousScenario.Linear(
                0.01 + random.NextDouble() * 0.03,
                random.NextDouble() * 0.001,
                random.NextDouble() * 1e-4,
                random.Next(2) == 0 ? 0 : random.NextDouble() * 1e-5
            ),
            KvBlocks = (random.Next(3) == 0 ? random.Next(20, 60) : random.Next(60, 600)) * 16 / blockSize,
            BlockSize = blockSize,
            MaxNumSeqs = maxNumSeqs,
            MaxBatchedTokens = random.Next(2) == 0 ? maxNumSeqs + random.Next(64) : null,
            PrefixCaching = random.Next(6) == 0 ? false : true,
        };
        options = options with { ChunkSize = random.Next(16, 300) };
        bool ok = FastEqualsOracle(workload, ContinuousScenario.Config(options, 1 + shape % 3), out string problem);
        label = $"{identity.Description} {options}: {problem}";
        return ok;
    }

    /// <summary>
    /// Prefill/decode disaggregation: every policy that can run a prefill pool, random pool sizes, links (latency,
    /// bandwidth, so transfers queue), decode routing and max-num-seqs, per-pool step models and KV caches small enough
    /// that both pools preempt, FCFS or multi-bin decode admission, fixed or dynamic decode batch sizes; the engine's
    /// stretches on decode replicas against the oracle's single iterations.
    /// </summary>
    [Property(MaxTest = 250)]
    public Property Fast_engine_matches_the_oracle_when_disaggregated(PositiveInt seed, byte policyIndex, byte routingIndex)
    {
        var random = new Random(seed.Get);
        var policies = ContinuousPolicies.All.Where(p => p.PrefillPool).ToArray();
        var workload = MakeWorkload(seed.Get, random.Next(1, 60), rate: 0.5 + random.NextDouble() * 40);
        StepTimeModel Model() =>
            ContinuousScenario.Linear(
                0.01 + random.NextDouble() * 0.03,
                random.NextDouble() * 0.001,
                random.NextDouble() * 1e-4,
                random.Next(2) == 0 ? 0 : random.NextDouble() * 1e-5
            );
        var pools = new DisaggregationOptions
        {
            PrefillReplicas = 1 + random.Next(3),
            DecodeReplicas = 1 + random.Next(3),
            KvTransferLatency = random.NextDouble() * 0.02,
            KvTransferGbps = 0.05 + random.NextDouble() * 5,
            DecodeRouting = ReplicaRouters.All[random.Next(ReplicaRouters.All.Count)],
            DecodeAdmission = AdmissionOrders.All[random.Next(AdmissionOrders.All.Count)],
            DecodeMaxNumSeqs = random.Next(2) == 0 ? null : 1 + random.Next(12),
            PrefillStepModel = random.Next(2) == 0 ? null : Model(),
            DecodeStepModel = random.Next(2) == 0 ? null : Model(),
            PrefillKvBlocks = random.Next(2) == 0 ? null : random.Next(20, 80),
            DecodeKvBlocks = random.Next(2) == 0 ? null : random.Next(20, 80),
        };
        var options = new ContinuousOptions
        {
            Policy = policies[policyIndex % policies.Length],
            Routing = ReplicaRouters.All[routingIndex % ReplicaRouters.All.Count],
            StepModel = Model(),
            KvBlocks = random.Next(3) == 0 ? random.Next(20, 60) : random.Next(60, 600),
            MaxNumSeqs = 1 + random.Next(12),
            ChunkSize = random.Next(16, 300),
            Disaggregation = pools,
            Batching = random.Next(3) == 0 ? BatchingMode.Dynamic : BatchingMode.Fixed,
            SloTpot = 0.02 + random.NextDouble() * 0.1,
        };
        options = options with
        {
            MaxBatchedTokens = options.Policy == ContinuousPolicy.VllmV1 && random.Next(2) == 0 ? options.MaxNumSeqs + random.Next(64) : null,
        };
        options = options with { PrefixCaching = options.Policy.SupportsPrefixCaching && random.Next(2) == 0 ? true : null };
        var config = ContinuousScenario.Config(options, pools.Replicas) with
        {
            Scheduler = new SchedulerOptions { Memory = new GpuMemoryModel(80, 16, 1e-4 * random.NextDouble(), 0), K = 1 + random.Next(5) },
        };
        bool ok = FastEqualsOracle(workload, config, out string problem);
        return ok.Label($"{options.Policy.Name} {options.Batching} {pools}: {problem}");
    }

    [Property(MaxTest = 250)]
    public Property Fast_engine_matches_the_per_iteration_oracle_for_every_policy_and_routing(PositiveInt seed, byte policyIndex, byte routingIndex, byte shape)
    {
        var policy = ContinuousPolicies.All[policyIndex % ContinuousPolicies.All.Count];
        var routing = ReplicaRouters.All[routingIndex % ReplicaRouters.All.Count];
        int gpus = 1 + shape % 3;
        var random = new Random(seed.Get);
        var workload = MakeWorkload(seed.Get, random.Next(1, 60), rate: 0.5 + random.NextDouble() * 40);
        var options = new ContinuousOptions
        {
            Policy = policy,
            Routing = routing,
            StepModel = ContinuousScenario.Linear(
                0.01 + random.NextDouble() * 0.03,
                random.NextDouble() * 0.001,
                random.NextDouble() * 1e-4,
                random.Next(2) == 0 ? 0 : random.NextDouble() * 1e-5
            ),
            KvBlocks = random.Next(3) == 0 ? random.Next(20, 60) : random.Next(60, 2000),
            BlockSize = new[] { 1, 4, 16, 7 }[random.Next(4)],
            MaxNumSeqs = 1 + random.Next(12),
            MaxBatchedTokens = random.Next(3) == 0 ? random.Next(200, 800) : null,
            ChunkSize = 1 + random.Next(400),
            Admission = AdmissionOrders.All[shape / 3 % AdmissionOrders.All.Count],
        };
        if (random.Next(4) == 0)
        {
            // A split step-time fit's prefill terms (charged on iterations with prefill tokens only).
            options = options with
            {
                StepModel = options.StepModel with { PrefillBase = random.NextDouble() * 0.01, PerPrefillTokenSquared = random.NextDouble() * 1e-7 },
            };
        }

        if (policy == ContinuousPolicy.VllmV1 && random.Next(2) == 0)
        {
            // A small token budget (at least max-num-seqs, as vLLM requires) so that prefills are chunked.
            options = options with { MaxBatchedTokens = options.MaxNumSeqs + random.Next(64) };
        }

        bool ok = FastEqualsOracle(workload, ContinuousScenario.Config(options, gpus), out string problem);
        return ok.Label($"{policy} {routing} G={gpus} {options}: {problem}");
    }

    /// <summary>
    /// Dynamic batching (arXiv 2503.05248): the engine runs one iteration per segment and the oracle feeds the same
    /// controller after every iteration; the max-num-seqs it sets must evolve identically.
    /// </summary>
    [Property(MaxTest = 150)]
    public Property Fast_engine_matches_the_oracle_with_dynamic_batching(PositiveInt seed, byte policyIndex, byte routingIndex, byte shape)
    {
        var random = new Random(seed.Get);
        var workload = MakeWorkload(seed.Get, random.Next(1, 80), rate: 0.5 + random.NextDouble() * 60);
        var options = new ContinuousOptions
        {
            Policy = ContinuousPolicies.All[policyIndex % ContinuousPolicies.All.Count],
            Routing = ReplicaRouters.All[routingIndex % ReplicaRouters.All.Count],
            StepModel = ContinuousScenario.Linear(0.01 + random.NextDouble() * 0.02, random.NextDouble() * 0.002, random.NextDouble() * 1e-5, 0),
            KvBlocks = random.Next(3) == 0 ? random.Next(20, 60) : random.Next(60, 2000),
            BlockSize = new[] { 1, 4, 16 }[random.Next(3)],
            MaxNumSeqs = 1 + random.Next(24),
            ChunkSize = 1 + random.Next(400),
            SloTpot = 0.01 + random.NextDouble() * 0.04,
            Batching = BatchingMode.Dynamic,
            Dynamic = new DynamicBatchingOptions
            {
                MemoryEpsilon = 0.01 + random.NextDouble() * 0.4,
                SlaEpsilon = random.NextDouble() * 0.005,
                Alpha = random.Next(0, 6),
                Delta = random.Next(0, 4),
                MinBatch = 1 + random.Next(2),
                MaxBatch = random.Next(2) == 0 ? null : 2 + random.Next(20),
            },
        };
        bool ok = FastEqualsOracle(workload, ContinuousScenario.Config(options, 1 + shape % 3), out string problem);
        return ok.Label($"{options} {options.Dynamic}: {problem}");
    }

    /// <summary>
    /// Arrivals on a 1/8 s grid and dyadic step-time terms: every time is exact in binary floating point, so arrivals
    /// fall exactly on iteration boundaries and the equal-time order (finish, arrive, start) is exercised.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property Fast_engine_matches_the_oracle_when_arrivals_fall_on_iteration_boundaries(PositiveInt seed, byte policyIndex, byte routingIndex, byte shape)
    {
        var random = new Random(seed.Get);
        int n = random.Next(1, 50);
        var arrivals = new double[n];
        var prompt = new int[n];
        var output = new int[n];
        double t = 0;
        for (int i = 0; i < n; i++)
        {
            t += random.Next(0, 4) * 0.125;
            arrivals[i] = t;
            prompt[i] = random.Next(0, 100);
            output[i] = random.Next(0, 60);
        }

        var options = new ContinuousOptions
        {
            Policy = ContinuousPolicies.All[policyIndex % ContinuousPolicies.All.Count],
            Routing = ReplicaRouters.All[routingIndex % ReplicaRouters.All.Count],
            StepModel = ContinuousScenario.Linear(0.125, random.Next(2) / 64.0, random.Next(2) / 1024.0, 0),
            KvBlocks = random.Next(8, 200),
            BlockSize = new[] { 1, 2, 8 }[random.Next(3)],
            MaxNumSeqs = 1 + random.Next(8),
            ChunkSize = 1 + random.Next(64),
        };
        bool ok = FastEqualsOracle(
            Workload.FromColumns(arrivals, prompt, output, output),
            ContinuousScenario.Config(options, 1 + shape % 3),
            out string problem
        );
        return ok.Label($"{options}: {problem}");
    }

    /// <summary>Multi-bin admission (K bins by a noisy prediction, round-robin or longest queue) against the oracle's independent bins.</summary>
    [Property(MaxTest = 250)]
    public Property Fast_engine_matches_the_oracle_with_multi_bin_admission(PositiveInt seed, byte policyIndex, byte routingIndex, byte shape)
    {
        var random = new Random(seed.Get);
        var basis = MakeWorkload(seed.Get, random.Next(1, 60), rate: 0.5 + random.NextDouble() * 40);
        var predicted = new int[basis.Count];
        for (int i = 0; i < predicted.Length; i++)
        {
            predicted[i] = random.Next(3) == 0 ? random.Next(1, 200) : Math.Max(1, basis.OutputTokens[i] + random.Next(-20, 21));
        }

        var workload = Workload.FromColumns(basis.Arrivals.ToArray(), basis.PromptTokens.ToArray(), basis.OutputTokens.ToArray(), predicted);
        var options = new ContinuousOptions
        {
            Policy = ContinuousPolicies.All[policyIndex % ContinuousPolicies.All.Count],
            Routing = ReplicaRouters.All[routingIndex % ReplicaRouters.All.Count],
            Admission = ContinuousAdmission.MultiBin,
            StepModel = ContinuousScenario.Linear(0.01 + random.NextDouble() * 0.03, random.NextDouble() * 0.001, random.NextDouble() * 1e-4, 0),
            KvBlocks = random.Next(3) == 0 ? random.Next(20, 60) : random.Next(60, 2000),
            BlockSize = new[] { 1, 4, 16 }[random.Next(3)],
            MaxNumSeqs = 1 + random.Next(12),
            ChunkSize = 1 + random.Next(400),
        };
        var config = ContinuousScenario.Config(options, 1 + shape % 3) with
        {
            Scheduler = new MultiBinSim.Scheduling.SchedulerOptions
            {
                K = 1 + random.Next(5),
                BinPolicy = (MultiBinSim.Scheduling.BinSelectionPolicy)random.Next(2),
            },
        };
        bool ok = FastEqualsOracle(workload, config, out string problem);
        return ok.Label($"K={config.Scheduler.K} {config.Scheduler.BinPolicy} {options}: {problem}");
    }

    /// <summary>The oracle has its own planner for every registered policy and its own rule for every registered router.</summary>
    [Fact]
    public void The_oracle_covers_every_registered_policy_and_router()
    {
        Assert.Equal(ContinuousPolicies.Names.Order(), OraclePlanners.ByPolicy.Keys.Order());
        Assert.Equal(ReplicaRouters.Names.Order(), ContinuousOracle.Routers.Keys.Order());
    }
}
