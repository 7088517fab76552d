using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Simulation.Continuous.Dynamic;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Continuous;

/// <summary>
/// Both papers' methods on a disaggregated decode pool (README, "Prefill/decode disaggregation"): dynamic batching
/// (arXiv 2503.05248) sizes the decode replicas' batches, multi-bin admission (arXiv 2412.04504) orders their queues.
/// </summary>
public class DecodePoolMethodsTests
{
    private const double Base = 0.030,
        PerSeq = 0.00022; // Pang et al.'s tau(b) = 30 ms + 0.22 ms b

    /// <summary>Every iteration a replica's controller saw (replica, step time, decode and prefill batch, the max-num-seqs it returned).</summary>
    private sealed class Recorder(int replica, IBatchSizeController inner, List<(int Replica, double Step, int Decode, int Prefill, int Result)> steps)
        : IBatchSizeController
    {
        public void Completed(int prompt, int output) => inner.Completed(prompt, output);

        public int AfterIteration(double stepTime, int decodeBatch, int prefillBatch, int decoding, int prefillPending)
        {
            int b = inner.AfterIteration(stepTime, decodeBatch, prefillBatch, decoding, prefillPending);
            steps.Add((replica, stepTime, decodeBatch, prefillBatch, b));
            return b;
        }
    }

    /// <summary>All at time 0: prompt 32, outputs uniform on 1..600 (seeded), so completions are spread out.</summary>
    private static Workload Saturating(int n)
    {
        var random = new Random(11);
        var output = Enumerable.Range(0, n).Select(_ => random.Next(1, 601)).ToArray();
        return Workload.FromColumns(new double[n], Enumerable.Repeat(32, n).ToArray(), output, output);
    }

    private static ContinuousOptions Dynamic(DisaggregationOptions? pools) =>
        new()
        {
            StepModel = ContinuousScenario.Linear(Base, PerSeq, 0, 0),
            KvBlocks = 1_000_000,
            MaxNumSeqs = 256,
            SloTpot = 0.050,
            Batching = BatchingMode.Dynamic,
            Disaggregation = pools,
        };

    private static List<(int Replica, double Step, int Decode, int Prefill, int Result)> Steps(Workload workload, ContinuousOptions options, int gpus)
    {
        var steps = new List<(int, double, int, int, int)>();
        new ContinuousRun(workload, ContinuousScenario.Config(options, gpus), recordTimeline: false, (i, c) => new Recorder(i, c, steps)).Execute();
        return steps;
    }

    /// <summary>
    /// On a decode pool every iteration is decode-only, so Algorithm 2 sees every step (colocated, the iterations that
    /// carry a prefill are skipped), only decode replicas get a controller, and the decode batch settles where tau(b)
    /// is inside D_SLA = 50 +/- 5 ms: b in [(45 - 30) / 0.22, (55 - 30) / 0.22] = [68.2, 113.6].
    /// </summary>
    [Fact]
    public void Dynamic_batching_on_the_decode_pool_sees_clean_decode_steps_and_settles_in_the_sla_band()
    {
        var pools = new DisaggregationOptions
        {
            PrefillReplicas = 1,
            DecodeReplicas = 1,
            PrefillStepModel = ContinuousScenario.Linear(0.005, 0.0001, 1e-6, 0),
        };

        var steps = Steps(Saturating(2000), Dynamic(pools), pools.Replicas);

        Assert.All(steps, s => Assert.Equal(1, s.Replica)); // the prefill replica keeps its max-num-seqs
        Assert.All(steps, s => Assert.Equal(0, s.Prefill));
        Assert.All(steps, s => Assert.Equal(Base + PerSeq * s.Decode, s.Step, 12));
        var middle = steps.Skip(steps.Count * 3 / 10).Take(steps.Count * 4 / 10).ToList();
        double inBand = middle.Count(s => s.Step is >= 0.045 and <= 0.055) / (double)middle.Count;
        Assert.True(inBand >= 0.9, $"only {inBand:P1} of the middle decode steps inside 50 +/- 5 ms");
        Assert.InRange(middle.Average(s => s.Decode), 68.2, 113.6);

        // Colocated, the same controller sees iterations that carry prefills, which Algorithm 2 does not use.
        var colocated = Steps(Saturating(2000), Dynamic(null), 1);
        Assert.Contains(colocated, s => s.Prefill > 0);
    }

    /// <summary>
    /// B_max on the decode pool is the decode max-num-seqs: with it at 40 no decode iteration runs more and no decision
    /// exceeds it; without it (B_max = --max-num-seqs 256) the same run decodes more than 40 at once.
    /// </summary>
    [Fact]
    public void Dynamic_batching_on_the_decode_pool_is_capped_by_the_decode_max_num_seqs()
    {
        var pools = new DisaggregationOptions
        {
            PrefillReplicas = 1,
            DecodeReplicas = 2,
            DecodeMaxNumSeqs = 40,
        };
        var options = Dynamic(pools) with { SloTpot = 10 };

        var capped = Steps(Saturating(1000), options, pools.Replicas);
        var free = Steps(Saturating(1000), options with { Disaggregation = pools with { DecodeMaxNumSeqs = null } }, pools.Replicas);

        Assert.Equal([1, 2], capped.Select(s => s.Replica).Distinct().Order());
        Assert.All(capped, s => Assert.InRange(s.Decode, 0, 40));
        Assert.All(capped, s => Assert.InRange(s.Result, 1, 40));
        Assert.Contains(free, s => s.Decode > 40);
    }

    /// <summary>Multi-bin admission with one bin is FCFS exactly, on the decode pool as on a colocated replica.</summary>
    [Fact]
    public void Multi_bin_decode_admission_with_one_bin_is_fcfs()
    {
        var random = new Random(5);
        int n = 400;
        var arrivals = Enumerable.Range(0, n).Select(i => i * 0.02).ToArray();
        var prompts = Enumerable.Range(0, n).Select(_ => random.Next(1, 400)).ToArray();
        var outputs = Enumerable.Range(0, n).Select(_ => random.Next(1, 300)).ToArray();
        var workload = Workload.FromColumns(arrivals, prompts, outputs, outputs);
        SimulationConfig Config(ContinuousAdmission admission) =>
            ContinuousScenario.Config(
                new ContinuousOptions
                {
                    KvBlocks = 300,
                    Disaggregation = new DisaggregationOptions
                    {
                        PrefillReplicas = 1,
                        DecodeReplicas = 2,
                        DecodeAdmission = admission,
                    },
                },
                3
            ) with
            {
                Scheduler = new SchedulerOptions { K = 1 },
            };

        var fcfs = SimulationEngines.Run(workload, Config(ContinuousAdmission.Fcfs));
        var bins = SimulationEngines.Run(workload, Config(ContinuousAdmission.MultiBin));

        Assert.True(fcfs.Metrics.NumPreemptions > 0, "the KV cache should bind");
        Assert.Equal(fcfs.Continuous!.Completion, bins.Continuous!.Completion);
        Assert.Equal(fcfs.Continuous.Preemptions, bins.Continuous.Preemptions);
    }

    /// <summary>
    /// Multi-bin admission on the decode pool admits each round from one bin. 300 requests at time 0 (prompt 1, output
    /// 10 or 500 alternately, predicted exactly; K = 2 splits them into a short and a long bin) are prefilled in one
    /// 1 ms iteration and reach the decode replica at once (a link of 1e300 GB/s). Decode step 10 ms + 0.1 ms a sequence.
    /// Multi-bin: round 1 admits the 150 short ones (one 25 ms iteration), round 2 the 150 long ones; the short ones then
    /// need 8 more iterations of 300 (40 ms each) and end at 0.001 + 0.025 + 8 x 0.040 = 0.346 s; the long ones need
    /// 499 iterations from 0.026 s, 8 of 300 and 491 of 150: 0.346 + 491 x 0.025 = 12.621 s. FCFS admits all 300 at
    /// 0.001 s: short ones end at 0.001 + 9 x 0.040 = 0.361 s, long ones at 0.361 + 490 x 0.025 = 12.611 s.
    /// </summary>
    [Fact]
    public void Multi_bin_decode_admission_admits_one_bin_per_round()
    {
        int n = 300;
        var output = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? 10 : 500).ToArray();
        var workload = Workload.FromColumns(new double[n], Enumerable.Repeat(1, n).ToArray(), output, output);
        SimulationConfig Config(ContinuousAdmission admission) =>
            ContinuousScenario.Config(
                new ContinuousOptions
                {
                    StepModel = ContinuousScenario.Linear(0.001, 0, 0, 0),
                    MaxNumSeqs = 1000,
                    KvBlocks = 100_000,
                    Disaggregation = new DisaggregationOptions
                    {
                        PrefillReplicas = 1,
                        DecodeReplicas = 1,
                        KvTransferLatency = 0,
                        KvTransferGbps = 1e300,
                        DecodeStepModel = ContinuousScenario.Linear(0.010, 0.0001, 0, 0),
                        DecodeAdmission = admission,
                    },
                },
                2
            ) with
            {
                Scheduler = new SchedulerOptions { K = 2 },
            };

        var bins = SimulationEngines.Run(workload, Config(ContinuousAdmission.MultiBin)).Continuous!.Completion;
        var fcfs = SimulationEngines.Run(workload, Config(ContinuousAdmission.Fcfs)).Continuous!.Completion;

        for (int i = 0; i < n; i++)
        {
            Assert.Equal(i % 2 == 0 ? 0.346 : 12.621, bins[i], 9);
            Assert.Equal(i % 2 == 0 ? 0.361 : 12.611, fcfs[i], 9);
        }
    }
}
