using MultiBinSim.Errors;
using MultiBinSim.Latency.StepTime;

namespace MultiBinSim.Tests.Latency;

public class StepTimeModelsTests
{
    [Fact]
    public void Linear_parses_the_four_terms_exactly()
    {
        var spec = StepTimeModels.Parse("linear:0.03,0.00022,1.5e-4,2e-7");
        Assert.Equal(0.03, spec.Model.Base);
        Assert.Equal(0.00022, spec.Model.PerSequence);
        Assert.Equal(1.5e-4, spec.Model.PerPrefillToken);
        Assert.Equal(2e-7, spec.Model.PerKvToken);
        Assert.Equal("linear:0.03,0.00022,0.00015,2E-07", spec.Model.Label);
        Assert.Null(spec.Memory);
        Assert.Null(spec.Fit);
        // t = base + per_seq * sequences + per_prefill * prompt tokens + per_kv * context tokens
        Assert.Equal(0.03 + 0.00022 * 5 + 1.5e-4 * 300 + 2e-7 * 4000, spec.Model.IterationTime(5, 300, 4000));
    }

    [Fact]
    public void Linear_accepts_zeros_spaces_and_any_case()
    {
        var spec = StepTimeModels.Parse("  LINEAR: 0.030 , 0.00022, 0 ,0 ");
        Assert.Equal(new StepTimeModel(0.030, 0.00022, 0, 0, "linear:0.03,0.00022,0,0"), spec.Model);
    }

    [Fact]
    public void Linear_reports_every_bad_term_at_once()
    {
        var e = Assert.Throws<ConfigurationException>(() => StepTimeModels.Parse("linear:-1,NaN,abc,Infinity"));
        Assert.Equal(4, e.Errors.Count);
        Assert.All(e.Errors, error => Assert.Equal("Continuous.StepModel", error.Property));
        Assert.Contains("BASE", e.Errors[0].Message);
        Assert.Contains("'-1'", e.Errors[0].Message);
        Assert.Contains("PER_KV_TOKEN", e.Errors[3].Message);
    }

    [Theory]
    [InlineData("linear:1,2,3")]
    [InlineData("linear:1,2,3,4,5")]
    [InlineData("linear:")]
    public void Linear_needs_exactly_four_terms(string text)
    {
        var e = Assert.Throws<ConfigurationException>(() => StepTimeModels.Parse(text));
        var error = Assert.Single(e.Errors);
        Assert.Equal("Continuous.StepModel", error.Property);
        Assert.Contains("4 comma-separated terms", error.Message);
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("")]
    [InlineData("linear")]
    [InlineData("pang:1")]
    [InlineData("roofline")]
    [InlineData("fit")]
    public void Anything_else_is_a_configuration_error_listing_the_presets(string text)
    {
        var e = Assert.Throws<ConfigurationException>(() => StepTimeModels.Parse(text));
        var error = Assert.Single(e.Errors);
        Assert.Equal(StepTimeModels.Property, error.Property);
        Assert.Equal("Continuous.StepModel", StepTimeModels.Property);
        foreach (
            string preset in new[]
            {
                "linear:BASE,PER_SEQ,PER_PREFILL_TOKEN,PER_KV_TOKEN",
                "pang",
                "roofline:MODEL@GPU",
                "fit:CSV",
                "Llama-3-8B",
                "Llama-2-70B",
                "A100-80GB",
                "H100-80GB",
            }
        )
        {
            Assert.Contains(preset, error.Message);
        }
    }

    [Fact]
    public void Pang_is_the_papers_decode_step_line_exactly()
    {
        // arXiv 2503.05248, Fig. 3: tau_step(b) = 0.22 b + 30 milliseconds for a decode step of b sequences.
        var spec = StepTimeModels.Parse("pang");
        Assert.Equal("pang", spec.Model.Label);
        Assert.Null(spec.Memory);
        for (int b = 1; b <= 400; b++)
        {
            foreach (long context in new long[] { 0, 1, 1000, 1_000_000 })
            {
                Assert.Equal(0.030 + 0.00022 * b, spec.Model.IterationTime(b, 0, context));
            }
        }

        Assert.Same(spec, StepTimeModels.Parse("PANG"));
    }

    [Fact]
    public void Pang_reproduces_the_readings_the_paper_takes_from_fig3()
    {
        // Section III-B: an SLA of 50 ms allows b of "approximately 100" and throughput "around 1,900 tokens per
        // second"; 80 ms allows b = 230. Solve tau(b) = SLA for b and take b / tau(b) tokens/s.
        var model = PangStepTime.Model;
        double b50 = (0.050 - model.Base) / model.PerSequence;
        double b80 = (0.080 - model.Base) / model.PerSequence;
        Assert.InRange(b50, 90, 100);
        Assert.InRange(b80, 225, 235);
        double throughputAt100 = 100 / model.IterationTime(100, 0, 0);
        Assert.InRange(throughputAt100 / 1900, 0.98, 1.03);
    }

    [Fact]
    public void Pang_prefill_term_agrees_with_the_roofline_compute_of_a_70B_model_on_four_A100s()
    {
        // The assumption behind pang's prefill term (0.22 ms per prompt token) against an independent estimate:
        // 2 FLOPs per parameter of Llama-2-70B, split over 4 A100s at 312 TFLOP/s and 50 % efficiency.
        double roofline = 2 * 68_976_648_192.0 / (4 * 312e12 * 0.5);
        Assert.InRange(PangStepTime.Model.PerPrefillToken / roofline, 0.95, 1.05);
        Assert.Equal(StepTimeModels.Parse("roofline:llama-2-70b@a100-80gb").Model.PerPrefillToken, roofline, 1e-15);
    }
}
