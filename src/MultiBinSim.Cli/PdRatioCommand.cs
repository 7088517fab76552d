using System.CommandLine;
using System.Globalization;
using MultiBinSim.Experiments;
using MultiBinSim.Metrics;
using MultiBinSim.Reporting;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Storage;
using Spectre.Console;

namespace MultiBinSim.Cli;

/// <summary>
/// <c>mbsim sweep pd-ratio</c>: every prefill/decode split of G GPUs and colocated as the reference, measured at the
/// load and by a capacity search (README, "Prefill/decode disaggregation"; <see cref="PdRatioSweep"/>).
/// </summary>
internal static class PdRatioCommand
{
    public static Command Create()
    {
        var requests = new Option<int>("--requests")
        {
            Description = "Requests of the trace to replay.",
            DefaultValueFactory = _ => PdRatioSweep.DefaultRequests,
        }
            .In(ConfigSection.Workload)
            .Binds("Requests");
        var gpus = new Option<int>("--gpus")
        {
            Description = "G: GPUs of every layout; the sweep runs P = 1 .. G-1 prefill replicas (D = G - P) and G colocated replicas.",
            DefaultValueFactory = _ => PdRatioSweep.DefaultGpus,
        }
            .In(ConfigSection.Engine)
            .Binds("Gpus");
        var output = new Option<string>("--out")
        {
            Description = "Folder for pd_ratio_sweep.csv and charts/pd_ratio_sweep.html.",
            DefaultValueFactory = _ => ResultStore.DefaultFolder,
        }.In(ConfigSection.Output);
        var search = new Option<bool>("--capacity-search")
        {
            Description =
                "Also search each layout's capacity: the highest arrival rate with SLO attainment >= --attainment (DistServe's per-GPU goodput); --capacity-search false measures at the load only.",
            DefaultValueFactory = _ => true,
        }.In(ConfigSection.Search);
        var attainment = new Option<double>("--attainment")
        {
            Description = "Smallest acceptable SLO attainment of the capacity search.",
            DefaultValueFactory = _ => CapacitySearch.DefaultAttainment,
        }
            .In(ConfigSection.Search)
            .Binds("Attainment");
        var tolerance = new Option<double>("--tolerance")
        {
            Description = "Relative tolerance of the capacity search.",
            DefaultValueFactory = _ => CapacitySearch.DefaultTolerance,
        }
            .In(ConfigSection.Search)
            .Binds("Tolerance");
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object (the sweep's rows, the best split, the files) on stdout instead of a table.",
        }.In(ConfigSection.Output);
        var command = new Command(
            "pd-ratio",
            "Sweep the prefill:decode split of --gpus GPUs (continuous engine) against colocated serving: goodput per GPU and capacity per GPU; the best split for the SLOs."
        )
        {
            requests,
            gpus,
            output,
            search,
            attainment,
            tolerance,
            json,
        };
        var workload = new WorkloadOptionSet();
        workload.AddTo(command);
        var scheduler = new SchedulerOptionSet();
        scheduler.AddTo(command);
        var continuous = ContinuousOptionSet.AddTo(command);
        continuous.Engine.DefaultValueFactory = _ => ContinuousEngine.EngineName; // disaggregation is the continuous engine's
        var pools = DisaggregationOptionSet.AddTo(command, continuous, scheduler, sizes: false);
        var config = ConfigOptionSet.AddTo(command);
        var scopes = OptionScopes.Create(command, continuous.Engine).Add(OptionScopes.Continuous, requests, gpus, output, search, json);
        config.Declare(scopes);
        workload.Declare(scopes, continuous);
        scheduler.Declare(scopes, continuous);
        continuous.Declare(scopes);
        pools.Declare(scopes);
        scopes.Add(
            OptionScopes.Requires(OptionScopes.Continuous, parse => parse.GetValue(search), "applies with --capacity-search only"),
            attainment,
            tolerance
        );
        command.SetAction(parse =>
            CliErrors.Guard(() =>
            {
                scopes.Check(parse);
                var stdout = parse.GetValue(json) ? JsonOutput.Begin() : null;
                var options = workload.Read(parse, parse.GetValue(requests));
                var config = continuous.Apply(parse, new SimulationConfig { Scheduler = scheduler.Read(parse) });
                config = config with { Continuous = config.Continuous with { Disaggregation = pools.Template(parse) } };
                var criterion = parse.GetValue(search) ? CapacityCriterion.SloAttainment(parse.GetValue(attainment)) : null;
                var result = PdRatioSweep.Run(options, config, parse.GetValue(gpus), criterion, parse.GetValue(tolerance));
                var frame = result.ToFrame();
                var configuration = new
                {
                    config.Engine,
                    options.Requests,
                    Gpus = parse.GetValue(gpus),
                    CapacityCriterion = criterion?.Name,
                    Tolerance = criterion is null ? (double?)null : parse.GetValue(tolerance),
                    Workload = options,
                    Simulation = config,
                };
                var files = SweepReport.Write(
                    parse.GetValue(output)!,
                    SweepOutput.PdRatio,
                    frame,
                    [new SweepChart("pd_ratio_sweep.html", PdRatioChart.Create(result, result.Colocated.Metrics.NumRequests), result.Finding)],
                    options.Dataset,
                    configuration,
                    result.Finding,
                    CommandLineText.Current
                );
                string csv = files.Csv,
                    chart = files.Charts[0];
                if (stdout is not null)
                {
                    JsonOutput.Write(stdout, j =>
                    {
                        j.WriteStartObject();
                        j.WriteString("engine", config.Engine);
                        j.WriteString("policy", config.Continuous.Policy.Name);
                        j.WriteNumber("gpus", result.Gpus);
                        j.WriteString("criterion", result.Criterion);
                        j.WriteString("best_layout", result.Best.Layout);
                        j.WriteString("finding", result.Finding);
                        j.WriteString("csv", Path.GetFullPath(csv));
                        j.WriteString("chart", Path.GetFullPath(chart));
                        j.WriteString("index", Path.GetFullPath(files.Index));
                        j.WritePropertyName("rows");
                        JsonOutput.WriteFrame(j, frame);
                        j.WriteEndObject();
                    });
                    return;
                }

                AnsiConsole.Write(Table(result, config));
                Console.WriteLine(result.Finding);
                Console.WriteLine($"Wrote {csv}, {chart} and the front page {files.Index}.");
            })
        );
        return command;
    }

    private static Table Table(PdRatioSweepResult result, SimulationConfig config)
    {
        var c = config.Continuous;
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title(
                Markup.Escape(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"P:D splits of {result.Gpus} GPUs, {c.Policy.Name} (SLO TTFT <= {c.SloTtft} s, TPOT <= {c.SloTpot} s)"
                    )
                )
            )
            .AddColumns(
                "layout (P:D)",
                "goodput/GPU (req/s)",
                "SLO attainment",
                "p99 TTFT (s)",
                "avg TPOT (s)",
                "avg KV transfer (s)",
                "prefill util.",
                "decode util."
            );
        if (result.CapacityCriterion is not null)
        {
            table.AddColumns("capacity (req/s)", "capacity/GPU (req/s)");
        }

        table.AddColumn("");
        foreach (var p in result.Points)
        {
            var m = p.Metrics;
            var cells = new List<string>
            {
                p.Layout,
                F(m.GoodputPerGpu),
                F(m.SloAttainment),
                F(m.P99Ttft),
                F(m.AvgTpot),
                F(m.AvgKvTransferTime),
                F(m.PrefillUtilization),
                F(m.DecodeUtilization),
            };
            if (result.CapacityCriterion is not null)
            {
                cells.Add(F(p.CapacityRequestsPerSec));
                cells.Add(F(p.CapacityPerGpu));
            }

            cells.Add(
                ReferenceEquals(p, result.Best) ? "best"
                : p.PrefillReplicas is null ? "reference"
                : ""
            );
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }

        return table;
    }

    private static string F(double? value) => value is { } v ? v.ToString("G4", CultureInfo.InvariantCulture) : "-";
}
