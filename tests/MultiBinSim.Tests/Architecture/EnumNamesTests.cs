using MultiBinSim.Errors;
using MultiBinSim.Experiments;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation.Continuous.Dynamic;

namespace MultiBinSim.Tests.Architecture;

/// <summary>One helper names every option enum: kebab case in declaration order, parsed back whatever the case.</summary>
public class EnumNamesTests
{
    [Fact]
    public void Option_enums_are_named_in_kebab_case_in_declaration_order()
    {
        Assert.Equal(["best-capacity", "knee"], EnumNames.All<KSweepRule>());
        Assert.Equal(["round-robin", "longest-queue"], EnumNames.All<BinSelectionPolicy>());
        Assert.Equal(["batch-service-time", "request-latency"], EnumNames.All<SlaSignal>());
        Assert.Equal(["fixed", "dynamic"], EnumNames.All<BatchingMode>());
        Assert.Equal(["paper", "guarded"], EnumNames.All<SlaSearchMode>());
        Assert.Equal(["low", "medium", "high"], EnumNames.All<LoadLevel>());
        Assert.Equal("longest-queue", EnumNames.Name(BinSelectionPolicy.LongestQueue));
    }

    [Fact]
    public void Every_name_parses_back_ignoring_case_and_underscores()
    {
        foreach (var value in Enum.GetValues<BinSelectionPolicy>())
        {
            string name = EnumNames.Name(value);
            Assert.Equal(value, EnumNames.TryParse<BinSelectionPolicy>(name));
            Assert.Equal(value, EnumNames.TryParse<BinSelectionPolicy>(name.ToUpperInvariant()));
            Assert.Equal(value, EnumNames.TryParse<BinSelectionPolicy>(name.Replace('-', '_')));
        }

        Assert.Null(EnumNames.TryParse<BinSelectionPolicy>("random"));
        Assert.Null(EnumNames.TryParse<BinSelectionPolicy>(null));
    }

    [Fact]
    public void An_unknown_name_is_an_option_error_listing_the_known_ones()
    {
        var error = Assert.Single(Assert.Throws<ConfigurationException>(() => EnumNames.Parse<SlaAlgorithm>("SlaAlgorithm", "exact")).Errors);
        Assert.Equal("SlaAlgorithm", error.Property);
        Assert.Equal("unknown value 'exact'; known: heuristic, paper", error.Message);
    }
}
