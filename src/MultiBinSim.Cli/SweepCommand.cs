using System.CommandLine;
using System.Globalization;
using MultiBinSim.Experiments;
using MultiBinSim.Metrics;
using MultiBinSim.Reporting;
using MultiBinSim.Scheduling;
using MultiBinSim.Storage;
using MultiBinSim.Workloads;
using Spectre.Console;

namespace MultiBinSim.Cli;

/// <summary><c>mbsim sweep predictors</c>: how much of multi-bin's gain survives imperfect length predictions.</summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var requests = new Option<int>("--requests")
        {
            Description = "Requests of the trace to replay.",
            DefaultValueFactory = _ => PredictorSweep.DefaultRequests,
        }
            .In(ConfigSection.Workload)
            .Binds("Requests");
        var gpus = new Option<int>("--gpus") { Description = "GPUs.", DefaultValueFactory = _ => PredictorSweep.DefaultGpus }
            .In(ConfigSection.Engine)
            .Binds("Gpus");
        var kind = new Option<string>("--scheduler")
        {
            Description = "Binned scheduler: multi_bin_dynamic or multi_bin_fixed.",
            DefaultValueFactory = _ => PredictorSweep.DefaultScheduler.Name,
        }.In(ConfigSection.Scheduler);
        var output = new Option<string>("--out")
        {
            Description = "Folder for predictor_sweep.csv and charts/predictor_sweep.html.",
            DefaultValueFactory = _ => ResultStore.DefaultFolder,
        }.In(ConfigSection.Output);
        var search = new Option<bool>("--capacity-search")
        {
            Description =
                "Also search each point's capacity (highest arrival rate with SLA violations <= --target; continuous engine: SLO attainment >= --attainment).",
        }.In(ConfigSection.Search);
        var target = new Option<double>("--target")
        {
            Description = "With --capacity-search: largest acceptable SLA violation rate.",
            DefaultValueFactory = _ => CapacitySearch.DefaultTarget,
        }
            .In(ConfigSection.Search)
            .Binds("Target");
        var attainment = new Option<double>("--attainment")
        {
            Description = "With --capacity-search on the continuous engine: smallest acceptable SLO attainment.",
            DefaultValueFactory = _ => CapacitySearch.DefaultAttainment,
        }
            .In(ConfigSection.Search)
            .Binds("Attainment");
        var json = new Option<bool>("--json") { Description = "Print one JSON object (the sweep's rows and files) on stdout instead of a table." }.In(
            ConfigSection.Output
        );
        var predictors = new Command(
            "predictors",
            "Sweep the output-length predictor (oracle, noisy oracle with sigma 0.1 to 1, prompt power law) against K = 1..32."
        )
        {
            requests,
            gpus,
            kind,
            output,
            search,
            target,
            attainment,
            json,
        };
        var workload = new WorkloadOptionSet();
        workload.AddTo(predictors);
        var scheduler = new SchedulerOptionSet();
        scheduler.AddTo(predictors, perTest: true);
        var continuous = ContinuousOptionSet.AddTo(predictors);
        var config = ConfigOptionSet.AddTo(predictors);
        var scopes = OptionScopes.Create(predictors, continuous.Engine).Add(OptionScopes.Both, requests, gpus, output, search, json);
        config.Declare(scopes);
        workload.Declare(scopes, continuous);
        scheduler.Declare(scopes, continuous);
        continuous.Declare(scopes);
        bool Searches(ParseResult parse) => parse.GetValue(search);
        scopes
            .Add(OptionScopes.Batch, kind)
            .Add(OptionScopes.Requires(OptionScopes.Batch, Searches, "applies with --capacity-search only"), target)
            .Add(OptionScopes.Requires(OptionScopes.Continuous, Searches, "applies with --capacity-search only"), attainment)
            .Add(
                OptionScopes.Never("sweep predictors sets the predictor itself (oracle, noisy-oracle with sigma 0.1 to 1, prompt-power-law)"),
                workload.Predictor,
                workload.PredictorSigma
            )
            .Add(
                OptionScopes.Never("sweep predictors replays the trace's first N rows as they are (run, suite and capacity take --drop-failed)"),
                workload.DropFailed
            );
        predictors.SetAction(parse =>
            CliErrors.Guard(() =>
            {
                scopes.Check(parse);
                var stdout = parse.GetValue(json) ? JsonOutput.Begin() : null;
                var options = workload.Read(parse, parse.GetValue(requests));
                options.Validate();
                var baseConfig = continuous.Apply(parse, new Simulation.SimulationConfig { Scheduler = scheduler.Read(parse) });
                if (parse.GetValue(workload.Calibration) is { } calibration)
                {
                    // The batch engine's latency model from the given grid (without it, the model of the shipped grid, as before).
                    baseConfig = baseConfig with { Latency = Latency.LatencyFit.FromCalibration(calibration).Model };
                }

                baseConfig.Validate();
                var trace = Datasets.Load(options.Dataset, options.Requests, options.Format);
                CapacityCriterion? criterion =
                    !parse.GetValue(search) ? null
                    : Simulation.SimulationEngines.Get(baseConfig.Engine).MeasuresTokenTimes ? CapacityCriterion.SloAttainment(parse.GetValue(attainment))
                    : CapacityCriterion.RequestSla(parse.GetValue(target));
                var sweep = PredictorSweep.Run(
                    trace,
                    options.Requests!.Value,
                    parse.GetValue(gpus),
                    Schedulers.Parse(parse.GetValue(kind)!),
                    options.RealTimestamps ? 1.0 : options.RpsScaling,
                    options.Seed,
                    baseConfig: baseConfig,
                    capacity: criterion
                );
                var table = new Table()
                    .Border(TableBorder.Rounded)
                    .AddColumns(
                        ConfigurationColumns.Predictor.Name,
                        "K",
                        "capacity_qps_under_sla",
                        "gain vs own K=1",
                        "gain vs common K=1",
                        "sla_violation_rate"
                    );
                if (criterion is not null)
                {
                    table.AddColumns("capacity (req/s)", "capacity gain vs common K=1");
                }

                for (int i = 0; i < sweep.Rows.Count; i++)
                {
                    var cells = new List<string>
                    {
                        (string)sweep.Columns[ConfigurationColumns.Predictor.Name][i],
                        sweep.Columns[ConfigurationColumns.KBins.Name][i].ToString()!,
                        F(sweep.Columns["capacity_qps_under_sla"][i]),
                        F(sweep.Columns[DerivedMetric.GainVersusOneBin.Name][i]),
                        F(sweep.Columns[DerivedMetric.GainVersusCommonBaseline.Name][i]),
                        F(sweep.Columns["sla_violation_rate"][i]),
                    };
                    if (criterion is not null)
                    {
                        cells.Add(F(sweep.Columns[DerivedMetric.SearchedCapacity.Name][i]));
                        cells.Add(F(sweep.Columns[DerivedMetric.SearchedCapacityGain.Name][i]));
                    }

                    table.AddRow(cells.Select(Markup.Escape).ToArray());
                }

                if (stdout is null)
                {
                    AnsiConsole.Write(table);
                }

                IMetric capacityMetric = criterion is null ? MetricCatalogue.CapacityQpsUnderSla : DerivedMetric.SearchedCapacity;
                var configuration = new
                {
                    baseConfig.Engine,
                    options.Requests,
                    Gpus = parse.GetValue(gpus),
                    Scheduler = parse.GetValue(kind),
                    RpsScaling = options.RealTimestamps ? 1.0 : options.RpsScaling,
                    options.Seed,
                    options.Format,
                    // Per row: the predictor and K (the workload's own predictor options are not taken).
                    Predictors = PredictorVariant.Defaults.Select(v => v.Label).ToArray(),
                    Ks = PredictorSweep.DefaultKs,
                    CapacityCriterion = criterion?.Name,
                    Simulation = baseConfig with
                    {
                        Gpus = parse.GetValue(gpus),
                        Scheduler = baseConfig.Scheduler with { Scheduler = Schedulers.Parse(parse.GetValue(kind)!) },
                    },
                };
                var files = SweepReport.Write(
                    parse.GetValue(output)!,
                    SweepOutput.Predictors,
                    sweep,
                    [
                        new SweepChart(
                            "predictor_sweep.html",
                            SuiteCharts.PredictorSweep(sweep, DerivedMetric.GainVersusCommonBaseline),
                            ChartFindings.Predictors(sweep, DerivedMetric.GainVersusCommonBaseline)
                        ),
                        new SweepChart(
                            "predictor_sweep_capacity.html",
                            SuiteCharts.PredictorSweep(sweep, capacityMetric),
                            ChartFindings.Predictors(sweep, capacityMetric)
                        ),
                    ],
                    options.Dataset,
                    configuration,
                    ChartFindings.Predictors(sweep, criterion is null ? DerivedMetric.GainVersusCommonBaseline : DerivedMetric.SearchedCapacityGain),
                    CommandLineText.Current
                );
                string chart = files.Charts[0],
                    absolute = files.Charts[1];
                Console.WriteLine(
                    $"Wrote {files.Csv}, {chart} (gain vs the common K = 1 baseline), {absolute} (absolute capacity) and the front page {files.Index}."
                );
                if (stdout is not null)
                {
                    JsonOutput.Write(stdout, j =>
                    {
                        j.WriteStartObject();
                        j.WriteString("engine", baseConfig.Engine);
                        j.WriteString("csv", Path.GetFullPath(files.Csv));
                        j.WriteStartArray("charts");
                        j.WriteStringValue(Path.GetFullPath(chart));
                        j.WriteStringValue(Path.GetFullPath(absolute));
                        j.WriteEndArray();
                        j.WriteString("index", Path.GetFullPath(files.Index));
                        j.WritePropertyName("rows");
                        JsonOutput.WriteFrame(j, sweep);
                        j.WriteEndObject();
                    });
                }
            })
        );
        return new Command("sweep", "Parameter sweeps beyond the suite.") { predictors, PdRatioCommand.Create() };
    }

    private static string F(object? value) =>
        value is null ? "-" : Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("G5", CultureInfo.InvariantCulture);
}
