using MultiBinSim.Errors;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Simulation.Continuous.Dynamic;

namespace MultiBinSim.Tests.Continuous.Dynamic;

/// <summary>Invalid dynamic-batching values are reported all at once, keyed by property.</summary>
public class DynamicBatchingOptionsTests
{
    [Fact]
    public void Every_invalid_value_is_reported_under_Dynamic()
    {
        var options = new ContinuousOptions
        {
            KvBlocks = 100,
            Batching = BatchingMode.Dynamic,
            Dynamic = new DynamicBatchingOptions
            {
                MemoryEpsilon = 1,
                SlaEpsilon = -1,
                Alpha = -1,
                Delta = -1,
                MinBatch = 5,
                MaxBatch = 4,
            },
        };
        var errors = new ValidationErrors();
        options.Validate(errors, new global::MultiBinSim.Scheduling.SchedulerOptions().Memory);
        var properties = errors.Errors.Select(e => e.Property).ToArray();
        Assert.Equal(["Dynamic.MemoryEpsilon", "Dynamic.SlaEpsilon", "Dynamic.Alpha", "Dynamic.Delta", "Dynamic.MaxBatch"], properties);
    }

    [Fact]
    public void Defaults_are_valid_and_an_invalid_max_num_seqs_is_reported_once()
    {
        var errors = new ValidationErrors();
        new ContinuousOptions { KvBlocks = 100, MaxNumSeqs = 0 }.Validate(errors, new global::MultiBinSim.Scheduling.SchedulerOptions().Memory);
        Assert.Equal(["MaxNumSeqs"], errors.Errors.Select(e => e.Property).ToArray());
    }

    [Fact]
    public void An_undefined_sla_search_is_reported()
    {
        var options = new ContinuousOptions
        {
            KvBlocks = 100,
            Batching = BatchingMode.Dynamic,
            Dynamic = new DynamicBatchingOptions { SlaSearch = (SlaSearchMode)7 },
        };
        var errors = new ValidationErrors();
        options.Validate(errors, new global::MultiBinSim.Scheduling.SchedulerOptions().Memory);
        Assert.Equal(["Dynamic.SlaSearch"], errors.Errors.Select(e => e.Property).ToArray());
        Assert.Equal(SlaSearchMode.Paper, new DynamicBatchingOptions().SlaSearch);
        Assert.Equal(SlaSearchMode.Guarded, EnumNames.TryParse<SlaSearchMode>("GUARDED"));
        Assert.Null(EnumNames.TryParse<SlaSearchMode>("nope"));
    }

    [Fact]
    public void The_paper_search_leaves_keys_as_they_were_and_guarded_changes_them()
    {
        var paper = new ContinuousOptions { Batching = BatchingMode.Dynamic };
        var guarded = paper with { Dynamic = paper.Dynamic with { SlaSearch = SlaSearchMode.Guarded } };
        string text = global::MultiBinSim.Experiments.CanonicalConfiguration.Serialize(paper);
        Assert.DoesNotContain("sla_search", text, StringComparison.Ordinal);
        Assert.EndsWith(
            "\"dynamic\":{\"memory_epsilon\":0.05,\"sla_epsilon\":0.005,\"alpha\":4,\"delta\":2,\"min_batch\":1,\"max_batch\":null}}",
            text,
            StringComparison.Ordinal
        );
        Assert.Contains("\"sla_search\":\"guarded\"", global::MultiBinSim.Experiments.CanonicalConfiguration.Serialize(guarded), StringComparison.Ordinal);
        Assert.NotEqual(global::MultiBinSim.Experiments.EngineColumns.Fingerprint(paper), global::MultiBinSim.Experiments.EngineColumns.Fingerprint(guarded));
    }
}
