using System.Text.RegularExpressions;
using MultiBinSim.Experiments;
using MultiBinSim.Reporting;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Simulation.Continuous.Dynamic;
using MultiBinSim.Tests.Fixtures;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Architecture;

/// <summary>
/// <c>mbsim run --json</c> of both engines and every continuous policy (and the variants whose keys differ: multi-bin
/// admission, dynamic batching, disaggregation, prefix caching on and off) is byte-identical to the text recorded in
/// <c>Fixtures/run-json-golden.jsonl</c> before the engine's output moved behind <see cref="ISimulationEngine"/>
/// (the execution time aside: it is the one number that is not deterministic).
/// </summary>
public partial class RunJsonGoldenTests
{
    private static readonly string GoldenPath = Path.Combine(FixturePaths.Folder, "run-json-golden.jsonl");

    private static readonly Dictionary<string, Func<RunSpec>> Specs = new()
    {
        ["batch"] = () => Batch(new SchedulerOptions()),
        ["batch-multi-bin"] = () => Batch(new SchedulerOptions { Scheduler = Schedulers.Parse("multi_bin_fixed"), K = 4 }),
        ["vllm"] = () => Continuous(new ContinuousOptions { Policy = ContinuousPolicy.Vllm }),
        ["vllm-limited"] = () => Continuous(new ContinuousOptions { Policy = ContinuousPolicy.Vllm, MaxBatchedTokens = 4096 }),
        ["sarathi"] = () => Continuous(new ContinuousOptions { Policy = ContinuousPolicy.Sarathi, ChunkSize = 256 }),
        ["orca"] = () => Continuous(new ContinuousOptions { Policy = ContinuousPolicy.Orca }),
        ["static"] = () => Continuous(new ContinuousOptions { Policy = ContinuousPolicy.Static }),
        ["vllm-v1"] = () => Continuous(new ContinuousOptions { Policy = ContinuousPolicy.VllmV1 }),
        ["vllm-v1-prefix-model"] = () => Continuous(new ContinuousOptions { Policy = ContinuousPolicy.VllmV1, MaxBatchedTokens = 1024 }, share: 0.5),
        ["vllm-v1-caching-off"] = () => Continuous(new ContinuousOptions { Policy = ContinuousPolicy.VllmV1, PrefixCaching = false }, share: 0.5),
        ["sarathi-prefix-caching"] = () => Continuous(new ContinuousOptions { Policy = ContinuousPolicy.Sarathi, PrefixCaching = true }, share: 0.5),
        ["vllm-multi-bin-dynamic"] = () =>
            Continuous(
                new ContinuousOptions
                {
                    Policy = ContinuousPolicy.Vllm,
                    Admission = ContinuousAdmission.MultiBin,
                    Batching = BatchingMode.Dynamic,
                },
                scheduler: new SchedulerOptions { K = 3 }
            ),
        ["sarathi-disaggregated"] = () =>
            Continuous(
                new ContinuousOptions
                {
                    Policy = ContinuousPolicy.Sarathi,
                    Batching = BatchingMode.Dynamic,
                    Disaggregation = new DisaggregationOptions { PrefillReplicas = 1, DecodeReplicas = 1 },
                }
            ),
        ["vllm-v1-disaggregated"] = () =>
            Continuous(
                new ContinuousOptions
                {
                    Policy = ContinuousPolicy.VllmV1,
                    Disaggregation = new DisaggregationOptions
                    {
                        PrefillReplicas = 1,
                        DecodeReplicas = 1,
                        DecodeMaxNumSeqs = 64,
                    },
                }
            ),
    };

    public static TheoryData<string> Cases() => [.. Specs.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_json_is_byte_identical_to_the_recorded_text(string name)
    {
        var recorded = File.ReadLines(GoldenPath).Select(l => l.Split('\t', 2)).Single(p => p[0] == name)[1];
        Assert.Equal(recorded, Current(name));
    }

    [Fact]
    public void Every_case_is_recorded_once()
    {
        Assert.Equal(Specs.Keys.Order(), File.ReadLines(GoldenPath).Select(l => l.Split('\t', 2)[0]).Order());
    }

    /// <summary>The case's run JSON on one line, the execution time replaced by 0.</summary>
    private static string Current(string name) =>
        ExecutionTime().Replace(RunJson.Write(SingleRun.Execute(Specs[name]()), indented: false), "\"execution_time_seconds\":0");

    private static RunSpec Batch(SchedulerOptions scheduler) =>
        new()
        {
            Workload = new WorkloadOptions { Requests = 2_000 },
            Simulation = new SimulationConfig { Gpus = 2, Scheduler = scheduler },
        };

    private static RunSpec Continuous(ContinuousOptions options, double? share = null, SchedulerOptions? scheduler = null) =>
        new()
        {
            Workload = new WorkloadOptions
            {
                Requests = 2_000,
                PrefixShare = share,
                PrefixGroups = share is null ? null : 4,
            },
            Simulation = new SimulationConfig
            {
                Engine = ContinuousEngine.EngineName,
                Gpus = options.Disaggregation?.Replicas ?? 2,
                Continuous = options,
                Scheduler = scheduler ?? new SchedulerOptions(),
            },
        };

    [GeneratedRegex("\"execution_time_seconds\":[^,}]*")]
    private static partial Regex ExecutionTime();
}
