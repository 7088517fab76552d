using System.CommandLine;
using System.Globalization;
using MultiBinSim.Experiments;
using MultiBinSim.Metrics;
using MultiBinSim.Reporting;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Storage;
using MultiBinSim.Workloads;
using Spectre.Console;

namespace MultiBinSim.Cli;

/// <summary><c>mbsim capacity</c>: the highest arrival rate each configuration sustains within an SLA violation target.</summary>
internal static class CapacityCommand
{
    private static readonly CapacitySweepOptions CapacityDefaults = new();

    public static Command Create()
    {
        var schedulers = new Option<string>("--schedulers")
        {
            Description = "Comma-separated schedulers.",
            DefaultValueFactory = _ => string.Join(",", Schedulers.Names),
        }
            .In(ConfigSection.Scheduler)
            .Binds("Schedulers");
        var gpus = new Option<string>("--gpus")
        {
            Description = "Comma-separated GPU counts.",
            DefaultValueFactory = _ => string.Join(",", CapacityDefaults.Gpus),
        }
            .In(ConfigSection.Engine)
            .Binds("Gpus");
        var ks = new Option<string>("--k")
        {
            Description = "Comma-separated bin counts (binned schedulers).",
            DefaultValueFactory = _ => string.Join(",", CapacityDefaults.Ks),
        }
            .In(ConfigSection.Bins)
            .Binds("Ks");
        var requests = new Option<int>("--requests")
        {
            Description = "Requests of the trace to replay.",
            DefaultValueFactory = _ => CapacityDefaults.Workload.Requests!.Value,
        }
            .In(ConfigSection.Workload)
            .Binds("Requests");
        var target = new Option<double>("--target")
        {
            Description = "Largest acceptable SLA violation rate.",
            DefaultValueFactory = _ => CapacitySearch.DefaultTarget,
        }
            .In(ConfigSection.Search)
            .Binds("Target");
        var tolerance = new Option<double>("--tolerance")
        {
            Description = "Relative tolerance of the rate multiplier.",
            DefaultValueFactory = _ => CapacitySearch.DefaultTolerance,
        }
            .In(ConfigSection.Search)
            .Binds("Tolerance");
        var output = new Option<string>("--out")
        {
            Description = "Results folder (rows go to step 4, capacity_search).",
            DefaultValueFactory = _ => CapacityDefaults.OutputFolder,
        }.In(ConfigSection.Output);
        var parallel = new Option<int>("--parallel") { Description = "Searches run at once.", DefaultValueFactory = _ => Environment.ProcessorCount }
            .In(ConfigSection.Execution)
            .Binds("Parallelism");
        var force = new Option<bool>("--force") { Description = "Recompute searches already stored." }.In(ConfigSection.Execution);
        var attainment = new Option<double>("--attainment")
        {
            Description = "Continuous engine: smallest acceptable SLO attainment (TTFT and TPOT within --slo-ttft and --slo-tpot).",
            DefaultValueFactory = _ => CapacityDefaults.Attainment,
        }
            .In(ConfigSection.Search)
            .Binds("Attainment");
        var json = new Option<bool>("--json") { Description = "Print one JSON object (the stored rows) on stdout; progress goes to stderr." }.In(
            ConfigSection.Output
        );
        var policies = new Option<string?>("--policies")
        {
            Description = $"Continuous engine: comma-separated policies to search ({string.Join(", ", ContinuousPolicies.Names)}); default: --policy.",
        }
            .In(ConfigSection.Policy)
            .Binds("Policies")
            .Binds("ContinuousVariants");
        var command = new Command(
            "capacity",
            "Find each configuration's capacity: the largest arrival-rate multiplier with SLA violations at or below the target (batch engine) or SLO attainment at or above --attainment (continuous engine), by bracketing + bisection."
        )
        {
            schedulers,
            gpus,
            ks,
            requests,
            target,
            tolerance,
            attainment,
            policies,
            output,
            parallel,
            force,
            json,
        };
        var workload = new WorkloadOptionSet();
        workload.AddTo(command, arrivalScaling: false);
        var scheduler = new SchedulerOptionSet();
        scheduler.AddTo(command, perTest: true);
        var continuous = ContinuousOptionSet.AddTo(command);
        var pools = DisaggregationOptionSet.AddTo(command, continuous, scheduler);
        var slurm = new SlurmOptionSet(command, addShard: true);
        var config = ConfigOptionSet.AddTo(command);
        gpus.StaysImplicitWhen(parse => continuous.Disaggregated?.Invoke(parse) == true, DisaggregationOptionSet.GpusFromPools);
        var scopes = OptionScopes
            .Create(command, continuous.Engine)
            .Add(OptionScopes.Both, gpus, requests, tolerance, output, parallel, force, json)
            .Add(OptionScopes.Batch, schedulers, target)
            .Add(OptionScopes.Continuous, attainment, policies);
        workload.Declare(scopes, continuous);
        scheduler.Declare(scopes, continuous);
        continuous.Declare(scopes);
        pools.Declare(scopes);
        slurm.Declare(scopes);
        config.Declare(scopes);
        // The bin counts K of --k; --policy is the one policy searched unless --policies lists them.
        scopes
            .Add(
                OptionScopes.Either(
                    OptionScopes.Batch,
                    continuous.IsMultiBin,
                    "applies to --engine batch, or to --engine continuous with --admission multi-bin (or --decode-admission multi-bin)"
                ),
                ks
            )
            .Add(
                OptionScopes.Requires(
                    OptionScopes.Continuous,
                    parse => parse.GetResult(policies) is null,
                    "--policies lists the policies to search; give one of them"
                ),
                continuous.Policy
            );
        command.SetAction(
            (parse, cancellation) =>
                CliErrors.GuardAsync(async () =>
                {
                    scopes.Check(parse);
                    var stdout = parse.GetValue(json) ? JsonOutput.Begin() : null;
                    var schedulerOptions = scheduler.Read(parse);
                    bool gpusGiven = parse.GetResult(gpus) is { Implicit: false };
                    var engineConfig = pools.Apply(
                        parse,
                        continuous.Apply(parse, new Simulation.SimulationConfig { Scheduler = schedulerOptions }),
                        gpusGiven: true
                    );
                    // Disaggregated: the pools fix the GPU count (P + D); --gpus, when given, must say the same.
                    string gpuList =
                        engineConfig.Continuous.Disaggregation is { } split && !gpusGiven
                            ? split.Replicas.ToString(CultureInfo.InvariantCulture)
                            : parse.GetValue(gpus)!;
                    var variants = parse.GetValue(policies) is { } names
                        ? List(names, "Continuous.Policy", name =>
                            ContinuousPolicies.TryParse(name) is { } p
                                ? engineConfig.Continuous with
                                {
                                    Policy = p,
                                }
                                : throw new Errors.ConfigurationException(
                                    "Policies",
                                    $"unknown policy '{name}'; known: {string.Join(", ", ContinuousPolicies.Names)}"
                                )
                        )
                        : [engineConfig.Continuous];
                    var options = new CapacitySweepOptions
                    {
                        Workload = workload.Read(parse, parse.GetValue(requests)),
                        CalibrationPath = parse.GetValue(workload.Calibration),
                        Schedulers = List(parse.GetValue(schedulers)!, nameof(CapacitySweepOptions.Schedulers), Schedulers.Parse),
                        Gpus = List(gpuList, nameof(CapacitySweepOptions.Gpus), Positive(nameof(CapacitySweepOptions.Gpus))),
                        Ks = List(parse.GetValue(ks)!, nameof(CapacitySweepOptions.Ks), Positive(nameof(CapacitySweepOptions.Ks))),
                        Target = parse.GetValue(target),
                        Tolerance = parse.GetValue(tolerance),
                        OutputFolder = parse.GetValue(output)!,
                        Parallelism = Math.Max(1, parse.GetValue(parallel)),
                        Force = parse.GetValue(force),
                        Scheduler = schedulerOptions,
                        Shard = slurm.ParseShard(parse),
                        Engine = engineConfig.Engine,
                        ContinuousVariants = variants,
                        Attainment = parse.GetValue(attainment),
                    };
                    if (slurm.WriteScriptIfAsked(parse, options))
                    {
                        return 0;
                    }
                    var rows = await CapacitySweep.RunAsync(
                        options,
                        new LineSuiteObserver(Console.Out),
                        new SuiteChartWriter(CommandLineText.Current),
                        cancellation
                    );
                    if (stdout is not null)
                    {
                        JsonOutput.Write(stdout, j =>
                        {
                            j.WriteStartObject();
                            j.WriteString("engine", options.Engine);
                            j.WriteString("output_folder", Path.GetFullPath(options.OutputFolder));
                            JsonOutput.WriteRows(j, "rows", rows);
                            j.WriteEndObject();
                        });
                        return rows.All(r => r.Succeeded) ? 0 : 3;
                    }

                    AnsiConsole.Write(options.IsContinuous ? ContinuousTable(options, rows) : BatchTable(options, rows));
                    Console.WriteLine(
                        $"Stored in {Path.GetFullPath(options.OutputFolder)} (capacity_search.csv/.parquet/.json, charts/capacity_vs_gpus.html, front page {IndexHtml.FileName})."
                    );
                    return rows.All(r => r.Succeeded) ? 0 : 3;
                })
        );
        return command;
    }

    private static Table BatchTable(CapacitySweepOptions options, IReadOnlyList<Storage.ResultRow> rows)
    {
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title(Markup.Escape($"Capacity at SLA violation rate <= {options.Target:P1} (D_SLA {options.Scheduler.DSla} s)"))
            .AddColumns("scheduler", "G", "K", "rps scaling", "capacity (req/s)", "req/s per GPU", "violation rate at capacity");
        foreach (var row in rows)
        {
            var capacity = CapacityColumns.RequestsPerSecOf(row);
            table.AddRow(
                row.GetString(ConfigurationColumns.SchedulerType.Name) ?? "",
                F(row.Get<int>(ConfigurationColumns.NumGpus.Name)),
                F(row.Get<int>(ConfigurationColumns.KBins.Name)),
                F(row.Get<double>(ConfigurationColumns.RpsScaling.Name)),
                F(capacity),
                F(PerGpu(capacity, row)),
                F(row.Get<double>("sla_violation_rate"))
            );
        }

        return table;
    }

    private static Table ContinuousTable(CapacitySweepOptions options, IReadOnlyList<Storage.ResultRow> rows)
    {
        var slo = options.ContinuousVariants[0];
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title(
                Markup.Escape($"Capacity at SLO attainment >= {options.Attainment:P1} (continuous engine; TTFT <= {slo.SloTtft} s, TPOT <= {slo.SloTpot} s)")
            )
            .AddColumns(
                "policy",
                "replicas",
                "rps scaling",
                "capacity (req/s)",
                "req/s per GPU",
                "SLO attainment",
                "p90 TTFT (s)",
                "avg TPOT (s)",
                "preemptions"
            );
        foreach (var row in rows)
        {
            var capacity = CapacityColumns.RequestsPerSecOf(row);
            table.AddRow(
                row.GetString(ConfigurationColumns.SchedulerType.Name) ?? "",
                F(row.Get<int>(ConfigurationColumns.NumGpus.Name)),
                F(row.Get<double>(ConfigurationColumns.RpsScaling.Name)),
                F(capacity),
                F(PerGpu(capacity, row)),
                F(row.Get<double>(MetricCatalogue.SloAttainment.Name)),
                F(row.Get<double>(MetricCatalogue.P90Ttft.Name)),
                F(row.Get<double>(MetricCatalogue.AvgTpot.Name)),
                F(row.Get<long>(MetricCatalogue.NumPreemptions.Name))
            );
        }

        return table;
    }

    private static double? PerGpu(double? capacity, Storage.ResultRow row) =>
        capacity is { } c && row.Get<int>(ConfigurationColumns.NumGpus.Name) is { } g ? CapacityColumns.PerGpu(c, g) : null;

    private static IReadOnlyList<T> List<T>(string text, string property, Func<string, T> parse)
    {
        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse).Distinct().ToArray();
        return items.Length > 0 ? items : throw new Errors.ConfigurationException(property, "needs at least one value");
    }

    private static Func<string, int> Positive(string property) =>
        text =>
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= 1
                ? value
                : throw new Errors.ConfigurationException(property, $"'{text}' is not a whole number >= 1");

    private static string F(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string F(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string F(double? value) => value?.ToString("G5", CultureInfo.InvariantCulture) ?? "-";
}
