using System.Reflection;
using System.Text.Json;
using MultiBinSim.Experiments;
using MultiBinSim.Metrics;
using MultiBinSim.Reporting;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Architecture;

/// <summary>Each catalogue (metrics, schedulers, engines) is complete and consistent with what it describes.</summary>
public class CatalogueTests
{
    [Fact]
    public void Every_RunMetrics_property_has_exactly_one_catalogue_entry_of_its_type()
    {
        var properties = typeof(RunMetrics).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        Assert.Equal(properties.Length, MetricCatalogue.All.Count);
        foreach (var property in properties)
        {
            string name = JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            var metric = Assert.Single(MetricCatalogue.All, m => m.Name == name);
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            Assert.Equal(type, metric.ValueType);
            Assert.Equal(Nullable.GetUnderlyingType(property.PropertyType) is not null, metric.IsOptional);
        }

        Assert.Equal(MetricCatalogue.All.Count, MetricCatalogue.All.Select(m => m.Name).Distinct().Count());
    }

    [Fact]
    public void Every_catalogue_field_is_listed_in_All()
    {
        var fields = typeof(MetricCatalogue).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.GetValue(null)).OfType<Metric>().ToArray();
        Assert.Equal(fields.Length, MetricCatalogue.All.Count);
        Assert.All(fields, f => Assert.Contains(f, MetricCatalogue.All));
    }

    [Fact]
    public void Every_metric_has_a_title_and_a_description()
    {
        Assert.All(MetricCatalogue.All, m =>
        {
            Assert.False(string.IsNullOrWhiteSpace(m.Title));
            Assert.False(string.IsNullOrWhiteSpace(m.Description));
            Assert.Matches("^[a-z0-9]+(_[a-z0-9]+)*$", m.Name);
        });
    }

    [Fact]
    public void Scheduler_registry_names_are_unique_and_parameters_are_real_options()
    {
        Assert.Equal(Schedulers.All.Count, Schedulers.Names.Distinct().Count());
        var options = typeof(SchedulerOptions).GetProperties().Select(p => p.Name).ToHashSet();
        foreach (var kind in Schedulers.All)
        {
            Assert.Same(kind, Schedulers.Parse(kind.Name));
            Assert.All(kind.Parameters, p => Assert.Contains(p, options));
            Assert.Equal(kind.IsBinned, kind.Parameters.Contains(nameof(SchedulerOptions.K)));
            foreach (var alias in kind.Aliases)
            {
                Assert.Same(kind, Schedulers.Parse(alias));
            }
        }

        var error = Assert.Throws<Errors.ConfigurationException>(() => Schedulers.Parse("no_such"));
        Assert.Equal(nameof(SchedulerOptions.Scheduler), Assert.Single(error.Errors).Property);
    }

    public static TheoryData<string> SchedulerNames() => [.. Schedulers.Names];

    [Theory]
    [MemberData(nameof(SchedulerNames))]
    public void Every_scheduler_runs_and_reports_its_bin_count_as_k(string name)
    {
        var kind = Schedulers.Parse(name);
        var spec = new RunSpec
        {
            Workload = new WorkloadOptions { Requests = 3_000 },
            Simulation = new SimulationConfig
            {
                Gpus = 2,
                Scheduler = new SchedulerOptions { Scheduler = kind, K = 4 },
            },
        };
        var outcome = SingleRun.Execute(spec);
        Assert.Equal(3_000, outcome.Result.Metrics.NumCompleted + outcome.Result.Metrics.NumRejected);
        using var json = JsonDocument.Parse(RunJson.Write(outcome));
        Assert.Equal(kind.IsBinned ? 4 : 1, json.RootElement.GetProperty("k").GetInt32());
        Assert.Equal(kind.IsBinned ? 4 : 1, json.RootElement.GetProperty("bin_request_counts").GetArrayLength());
        Assert.Equal(kind.IsBinned, outcome.Result.Boundaries is not null);
        foreach (var metric in MetricCatalogue.All)
        {
            bool omitted = metric.OmittedWhenNull && metric.Read(outcome.Result.Metrics) is null;
            Assert.True(
                json.RootElement.TryGetProperty(metric.Name, out _) != omitted,
                omitted ? $"--json writes {metric.Name} though it is empty" : $"--json lacks {metric.Name}"
            );
        }
    }

    [Fact]
    public void Engine_registry_has_unique_names_and_the_batch_engine_first()
    {
        Assert.Equal("batch", SimulationEngines.Default);
        Assert.Equal(SimulationEngines.All.Count, SimulationEngines.Names.Distinct().Count());
        Assert.Throws<Errors.ConfigurationException>(() => SimulationEngines.Get("warp"));
    }
}
