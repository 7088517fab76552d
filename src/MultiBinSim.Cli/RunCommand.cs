using System.CommandLine;
using System.Globalization;
using MultiBinSim.Experiments;
using MultiBinSim.Reporting;
using MultiBinSim.Simulation;
using MultiBinSim.Storage;

namespace MultiBinSim.Cli;

/// <summary><c>mbsim run</c>: one simulation, printed as a table or JSON.</summary>
internal sealed class RunCommand
{
    private readonly Option<int> _gpus = new Option<int>("--gpus") { Description = "Number of GPUs G.", DefaultValueFactory = _ => new SimulationConfig().Gpus }
        .In(ConfigSection.Engine)
        .Binds("Gpus");
    private readonly Option<int> _requests = new Option<int>("--requests")
    {
        Description = "Simulate the first N requests of the dataset.",
        DefaultValueFactory = _ => 1_000_000,
    }
        .In(ConfigSection.Workload)
        .Binds("Requests");
    private readonly Option<bool> _json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." }.In(ConfigSection.Output);
    private readonly Option<string?> _requestsOut = new Option<string?>("--requests-out")
    {
        Description = "Also write one row per request (times, replica, TTFT, TPOT, latency, ...) to FILE.parquet or FILE.csv, replacing it.",
    }
        .In(ConfigSection.Output)
        .Binds(MultiBinSim.Storage.RequestRecords.Property);
    private readonly Option<string> _metricsMode = new Option<string>("--metrics-mode")
    {
        Description =
            $"Request metrics: exact (every latency kept), streaming (bounded memory: latency percentiles within {MultiBinSim.Metrics.LatencyHistogram.RelativeError:P3}, workload streamed when it can be), auto (exact up to {MultiBinSim.Metrics.MetricsModes.StreamingThreshold:N0} requests).",
        DefaultValueFactory = _ => "auto",
    }
        .In(ConfigSection.Engine)
        .Binds("MetricsMode");
    private readonly WorkloadOptionSet _workload = new();
    private readonly SchedulerOptionSet _scheduler = new();
    private readonly ContinuousOptionSet _continuous;
    private readonly DisaggregationOptionSet _pools;

    private RunCommand()
    {
        Command = new Command("run", "Simulate one scheduler configuration and print its metrics.") { _gpus, _requests, _json, _requestsOut, _metricsMode };
        _workload.AddTo(Command);
        _scheduler.AddTo(Command);
        _continuous = ContinuousOptionSet.AddTo(Command);
        _pools = DisaggregationOptionSet.AddTo(Command, _continuous, _scheduler);
        var config = ConfigOptionSet.AddTo(Command);
        _gpus.StaysImplicitWhen(parse => _continuous.Disaggregated?.Invoke(parse) == true, DisaggregationOptionSet.GpusFromPools);
        Scopes = OptionScopes
            .Create(Command, _continuous.Engine)
            .Add(OptionScopes.Both, _gpus, _requests, _json, _requestsOut)
            .Add(OptionScopes.Batch, _metricsMode);
        config.Declare(Scopes);
        config.Check = parse => Spec(parse).Validate();
        _workload.Declare(Scopes, _continuous);
        _scheduler.Declare(Scopes, _continuous);
        _continuous.Declare(Scopes);
        _pools.Declare(Scopes);
        Command.SetAction(parse => CliErrors.Guard(() => Execute(parse)));
    }

    /// <summary>The <c>run</c> command.</summary>
    public Command Command { get; }

    /// <summary>Which engine each option belongs to.</summary>
    public OptionScopes Scopes { get; }

    public static Command Create() => new RunCommand().Command;

    /// <summary>A new command with its option sets, for tests that build runs from command lines in-process.</summary>
    internal static RunCommand CreateForTests() => new();

    /// <summary>The run the parsed command line describes; raises the option errors (an option of the other engine, a name that does not parse).</summary>
    public RunSpec Spec(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        Scopes.Check(parse);
        var spec = new RunSpec
        {
            Workload = _workload.Read(parse, parse.GetValue(_requests)),
            CalibrationPath = parse.GetValue(_workload.Calibration),
            Simulation = new SimulationConfig
            {
                Gpus = parse.GetValue(_gpus),
                Scheduler = _scheduler.Read(parse),
                MetricsMode = ReadMetricsMode(parse),
            },
        };

        return spec with
        {
            Simulation = _pools.Apply(parse, _continuous.Apply(parse, spec.Simulation), _gpus),
        };
    }

    /// <summary>The metrics mode; null (auto) unless given, so a default run's configuration is unchanged.</summary>
    private MultiBinSim.Metrics.MetricsMode? ReadMetricsMode(ParseResult parse)
    {
        var mode = MultiBinSim.Errors.EnumNames.Parse<MultiBinSim.Metrics.MetricsMode>(nameof(SimulationConfig.MetricsMode), parse.GetValue(_metricsMode)!);
        return mode == MultiBinSim.Metrics.MetricsMode.Auto ? null : mode;
    }

    /// <summary>Offered load above the served throughput, by more than this factor, is said (a finite run's drain alone stays below it).</summary>
    public const double OverloadFactor = 1.1;

    /// <summary>
    /// What a run's numbers would otherwise leave silent, for stderr: fewer rows in the dataset than <c>--requests</c>
    /// asked for, and an offered load the run could not serve (its queue grows throughout).
    /// </summary>
    public static IReadOnlyList<string> Notes(SingleRunOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var notes = new List<string>();
        int count = outcome.Result.Metrics.NumRequests;
        if (outcome.Spec.Workload.Requests is { } asked && count < asked)
        {
            notes.Add(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"the dataset has {count:N0} rows{(outcome.Spec.Workload.DropFailed ? " without failed ones" : "")}; running all of them"
                )
            );
        }

        var metrics = outcome.Result.Metrics;
        double offered = metrics.OfferedLoadRequestsPerSec,
            served = metrics.ThroughputRequestsPerSec;
        if (double.IsFinite(offered) && double.IsFinite(served) && served > 0 && offered > OverloadFactor * served)
        {
            notes.Add(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"offered load {offered:F1} req/s exceeds served throughput {served:F1} req/s; the queue grows for the whole run"
                )
            );
        }

        return notes;
    }

    private void Execute(ParseResult parse)
    {
        var spec = Spec(parse);
        bool asJson = parse.GetValue(_json);
        string? requestsOut = parse.GetValue(_requestsOut);
        // The table's first drawing costs tens of milliseconds of Spectre.Console start-up: pay it beside the run.
        var warming = asJson ? Task.CompletedTask : Task.Run(RunTable.Warm);
        // Progress of a long run on stderr; silent when JSON is asked for and stderr is not a terminal.
        var progress = new ProgressLine(enabled: !(asJson && Console.IsErrorRedirected), terminal: !Console.IsErrorRedirected);
        var outcome = SingleRun.Execute(spec, streamWorkload: true, progress.Report, requestsOut);
        progress.Finish();
        warming.Wait();
        foreach (var warning in outcome.Workload.Warnings)
        {
            Console.Error.WriteLine($"warning: {warning}");
        }

        foreach (var note in Notes(outcome))
        {
            Console.Error.WriteLine($"note: {note}");
        }

        if (outcome.RequestsWritten is { } written)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"note: wrote {written:N0} requests to {requestsOut}"));
        }

        if (asJson)
        {
            Console.WriteLine(RunJson.Write(outcome));
        }
        else
        {
            RunTable.Print(outcome);
        }
    }
}
