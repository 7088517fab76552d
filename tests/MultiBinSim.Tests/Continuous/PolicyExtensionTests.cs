using System.Text.Json;
using MultiBinSim.Errors;
using MultiBinSim.Experiments;
using MultiBinSim.Reporting;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Workloads;
using static MultiBinSim.Tests.Continuous.ContinuousScenario;

namespace MultiBinSim.Tests.Continuous;

/// <summary>
/// README, "Extending": a continuous policy is one file (its implementation, its options record and its descriptor)
/// plus one registration. <see cref="SerialPolicy"/> below is such a file, written outside the library and never
/// registered: validation, the engine and the run JSON take it from its descriptor alone. Registering it in
/// <c>ContinuousPolicies.All</c> adds only its name to look-ups (and the oracle-equivalence test then asks for its planner).
/// </summary>
public class PolicyExtensionTests
{
    private static readonly ContinuousOptions Serial = new()
    {
        Policy = SerialPolicy.Kind,
        StepModel = Linear(1.0, 0, 0, 0),
        KvBlocks = 100,
        BlockSize = 4,
    };

    [Fact]
    public void An_unregistered_policy_runs_from_its_descriptor_alone()
    {
        // One request at a time: A's prefill (1 s) and 2 decodes (2 s) end at 3; B, waiting since 0.5, starts then.
        var result = Run(Requests((0, 8, 3), (0.5, 8, 2)), Serial);
        Assert.Equal([1.0, 4.0], result.Continuous!.FirstToken);
        Assert.Equal([3.0, 5.0], result.Continuous.Completion);
        Assert.Null(ContinuousPolicies.TryParse(SerialPolicy.Kind.Name));
    }

    [Fact]
    public void Its_options_record_validates_and_reports_its_values()
    {
        var e = Assert.Throws<ConfigurationException>(Config(Serial with { MaxBatchedTokens = 64 }).Validate);
        Assert.Equal("Continuous.MaxBatchedTokens", Assert.Single(e.Errors).Property);

        var spec = new RunSpec
        {
            Workload = new WorkloadOptions { Requests = 50 },
            Simulation = Config(Serial with { KvBlocks = 10_000 }),
        };
        using var json = JsonDocument.Parse(RunJson.Write(SingleRun.Execute(spec)));
        Assert.Equal("serial", json.RootElement.GetProperty("policy").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("serial_requests").GetInt32());
        Assert.Equal(50, json.RootElement.GetProperty("num_completed").GetInt32());
    }

    /// <summary>The toy policy's own options: how many requests run at once (always 1), reported as <c>serial_requests</c>.</summary>
    private sealed record SerialOptions : PolicyOptions
    {
        public int Requests { get; init; } = 1;

        public static SerialOptions From(ContinuousOptions options) => new() { BlockSize = options.BlockSize, MaxBatchedTokens = options.MaxBatchedTokens };

        public override void Validate(ValidationErrors errors) =>
            errors.Require(MaxBatchedTokens is null, nameof(ContinuousOptions.MaxBatchedTokens), "does not apply to the serial policy");

        public override void WriteJson(Utf8JsonWriter json) => json.WriteNumber("serial_requests", Requests);
    }

    /// <summary>A toy policy: when the replica is idle, the head of the queue runs alone (prompt + output reserved), prefill then decodes.</summary>
    private sealed class SerialPolicy(SerialOptions options, SequenceTable seq, long kvBlocks) : IIterationPolicy
    {
        public static ContinuousPolicy Kind { get; } =
            ContinuousPolicy.Create("serial", "one request at a time", SerialOptions.From, (o, s, kv) => new SerialPolicy(o, s, kv));

        public bool ReservesOutput => true;

        public bool PreemptsLatestAdmitted => false;

        public bool AdmitsIntoRunningBatch => false;

        public bool CanEverFit(int prompt, int output) => ((long)prompt + output + options.BlockSize - 1) / options.BlockSize <= kvBlocks;

        public void Plan(ReplicaState replica, double now)
        {
            replica.Waiting.BeginRound();
            if (replica.Running < options.Requests && replica.Waiting.TryPeek(out int r))
            {
                replica.Waiting.RemoveHead();
                replica.Admit(r, replica.AdmissionBlocks(r), now);
                replica.SchedulePrefill(r, seq.Prompt[r]);
                replica.PlanDecode(false);
                return;
            }

            replica.PlanDecode(replica.DecodeCount > 0);
        }
    }
}
