using MultiBinSim.Tests.Requirements;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Workloads;

public class WorkloadBuilderTests
{
    private static Trace SmallTrace() => new("mem", [100, 102, 101, 110], [10, 20, 30, 40], [1, 0, 3, 4], [7, 8, 9, 10]);

    [Fact]
    public void Arrivals_are_rebased_and_divided_by_rps_scaling()
    {
        var w = WorkloadBuilder.Build(new Trace("mem", [5, 45, 118], [1, 2, 3], [1, 2, 3]), new WorkloadOptions { RpsScaling = 200, Predictor = "oracle" });
        Assert.Equal([0.0, 40.0 / 200, 113.0 / 200], w.Arrivals.ToArray());
        var real = WorkloadBuilder.Build(
            new Trace("mem", [5, 45, 118], [1, 2, 3], [1, 2, 3]),
            new WorkloadOptions { RealTimestamps = true, Predictor = "oracle" }
        );
        Assert.Equal([0.0, 40.0, 113.0], real.Arrivals.ToArray());
    }

    [Fact]
    public void Unsorted_timestamps_are_sorted_stably_with_a_warning()
    {
        var w = WorkloadBuilder.Build(
            new Trace("mem", [3, 1, 2, 1], [30, 10, 20, 11], [3, 1, 2, 1]),
            new WorkloadOptions { RealTimestamps = true, Predictor = "oracle" }
        );
        Assert.Equal([1, 3, 2, 0], w.Ids.ToArray()); // the two rows at t=1 keep their file order
        Assert.Equal([10, 11, 20, 30], w.PromptTokens.ToArray());
        Assert.Equal([0.0, 0.0, 1.0, 2.0], w.Arrivals.ToArray());
        Assert.Single(w.Warnings);
        Assert.Contains("not sorted", w.Warnings[0]);
    }

    [Fact]
    public void Failed_rows_are_kept_by_default_and_dropped_on_request()
    {
        Assert.Equal(4, WorkloadBuilder.Build(SmallTrace(), new WorkloadOptions { Predictor = "column" }).Count);
        var dropped = WorkloadBuilder.Build(
            SmallTrace(),
            new WorkloadOptions
            {
                Predictor = "column",
                DropFailed = true,
                Requests = 2,
            }
        );
        Assert.Equal([0, 2], dropped.Ids.ToArray());
        Assert.Equal([7, 9], dropped.PredictedTokens.ToArray());
    }

    [Fact]
    public void Column_predictor_without_the_column_is_a_clear_error()
    {
        var e = Assert.Throws<Errors.ConfigurationException>(() =>
            WorkloadBuilder.Build(new Trace("mem", [1], [1], [1]), new WorkloadOptions { Predictor = "column" })
        );
        Assert.Contains("Predicted tokens", e.Message);
    }

    [Theory]
    [InlineData("prompt-power-law")]
    [InlineData("noisy-oracle")]
    [InlineData("oracle")]
    public void A_workload_of_n_rows_is_a_prefix_of_any_larger_one(string predictor)
    {
        var options = new WorkloadOptions { Predictor = predictor, Seed = 7 };
        var small = WorkloadBuilder.Build(SyntheticBurstGpt.Generate(1_000), options with { Requests = 1_000 });
        var large = WorkloadBuilder.Build(SyntheticBurstGpt.Generate(20_000), options with { Requests = 20_000 });
        Assert.Equal(small.Arrivals.ToArray(), large.Arrivals[..1_000].ToArray());
        Assert.Equal(small.PromptTokens.ToArray(), large.PromptTokens[..1_000].ToArray());
        Assert.Equal(small.OutputTokens.ToArray(), large.OutputTokens[..1_000].ToArray());
        Assert.Equal(small.PredictedTokens.ToArray(), large.PredictedTokens[..1_000].ToArray());
        Assert.Equal(small.PredictedTokens.ToArray(), large.Prefix(1_000).PredictedTokens.ToArray());
    }

    [Fact]
    public void Prompt_power_law_follows_its_formula_and_depends_on_the_seed()
    {
        var trace = new Trace("mem", [0, 1, 2, 3], [0, 100, 1000, 100_000_000], [5, 5, 5, 5]);
        var w = WorkloadBuilder.Build(trace, new WorkloadOptions { Seed = 1 });
        var rng = new NumpyLegacyRandom(1);
        int[] expected = trace.RequestTokens.Select(p => (int)Math.Clamp(Math.Floor(Math.Pow(p, 0.7) * 1.5 * rng.NextLogNormal(0, 0.1)), 1, 4096)).ToArray();
        Assert.Equal(expected, w.PredictedTokens.ToArray());
        Assert.Equal(1, w.PredictedTokens[0]); // prompt 0 -> clamped up to 1
        Assert.Equal(4096, w.PredictedTokens[3]); // huge prompt -> clamped down to 4096

        var many = new Trace("mem", new double[500], Enumerable.Repeat(1000, 500).ToArray(), new int[500]);
        var seed1 = WorkloadBuilder.Build(many, new WorkloadOptions { Seed = 1 }).PredictedTokens.ToArray();
        var seed2 = WorkloadBuilder.Build(many, new WorkloadOptions { Seed = 2 }).PredictedTokens.ToArray();
        Assert.NotEqual(seed1, seed2);
        Assert.Equal(seed1, WorkloadBuilder.Build(many, new WorkloadOptions { Seed = 1 }).PredictedTokens.ToArray());
    }

    [NeedsSharedData]
    [Fact]
    public void Prompt_power_law_with_seed_42_reproduces_the_original_simulators_predictions()
    {
        string path = SharedData.RequireFile("data/parity/burstgpt7d_predicted.csv");
        var trace = BurstGptReader.Read(path);
        var ours = WorkloadBuilder.Build(trace, new WorkloadOptions { Predictor = "prompt-power-law", Seed = 42 });
        var theirs = WorkloadBuilder.Build(trace, new WorkloadOptions { Predictor = "column" });
        Assert.Equal(19_431, ours.Count);
        int mismatches = 0;
        for (int i = 0; i < ours.Count; i++)
        {
            mismatches += ours.PredictedTokens[i] == theirs.PredictedTokens[i] ? 0 : 1;
        }

        Assert.Equal(0, mismatches);
    }

    [Theory]
    [InlineData(0, 200.0, "Requests")]
    [InlineData(10, 0.0, "RpsScaling")]
    [InlineData(10, -1.0, "RpsScaling")]
    public void Invalid_options_are_keyed_by_property(int requests, double rps, string property)
    {
        var e = Assert.Throws<Errors.ConfigurationException>(() =>
            WorkloadBuilder.Build(
                SmallTrace(),
                new WorkloadOptions
                {
                    Requests = requests,
                    RpsScaling = rps,
                    Predictor = "oracle",
                }
            )
        );
        Assert.Equal(property, Assert.Single(e.Errors).Property);
    }
}
