using System.CommandLine;
using System.Globalization;
using MultiBinSim.Experiments;
using MultiBinSim.Reporting;
using MultiBinSim.Scheduling;
using MultiBinSim.Workloads;
using Spectre.Console;

namespace MultiBinSim.Cli;

/// <summary><c>mbsim sweep predictors</c>: how much of multi-bin's gain survives imperfect length predictions.</summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var requests = new Option<int>("--requests") { Description = "Requests of the trace to replay.", DefaultValueFactory = _ => 100_000 };
        var gpus = new Option<int>("--gpus") { Description = "GPUs.", DefaultValueFactory = _ => 8 };
        var kind = new Option<string>("--scheduler") { Description = "Binned scheduler: multi_bin_dynamic or multi_bin_fixed.", DefaultValueFactory = _ => "multi_bin_dynamic" };
        var output = new Option<string>("--out") { Description = "Folder for predictor_sweep.csv and charts/predictor_sweep.html.", DefaultValueFactory = _ => "results" };
        var predictors = new Command("predictors", "Sweep the output-length predictor (oracle, noisy oracle with sigma 0.1 to 1, prompt power law) against K = 1..32.") { requests, gpus, kind, output };
        var workload = new WorkloadOptionSet();
        workload.AddTo(predictors);
        var scheduler = new SchedulerOptionSet();
        scheduler.AddTo(predictors, perTest: true);
        var continuous = ContinuousOptionSet.AddTo(predictors);
        predictors.SetAction(parse => CliErrors.Guard(() =>
        {
            var options = workload.Read(parse, parse.GetValue(requests));
            options.Validate();
            var baseConfig = continuous.Apply(parse, new Simulation.SimulationConfig { Scheduler = scheduler.Read(parse) });
            baseConfig.Validate();
            var trace = Datasets.Load(options.Dataset, options.Requests, options.Format);
            var sweep = PredictorSweep.Run(trace, options.Requests!.Value, parse.GetValue(gpus), Schedulers.Parse(parse.GetValue(kind)!),
                options.RealTimestamps ? 1.0 : options.RpsScaling, options.Seed, baseConfig: baseConfig);
            var table = new Table().Border(TableBorder.Rounded).AddColumns("predictor", "K", "capacity_qps_under_sla", "gain vs K=1", "sla_violation_rate");
            for (int i = 0; i < sweep.Rows.Count; i++)
            {
                table.AddRow((string)sweep.Columns["predictor"][i], sweep.Columns["k_bins"][i].ToString()!,
                    F(sweep.Columns["capacity_qps_under_sla"][i]), F(sweep.Columns["gain_vs_one_bin"][i]), F(sweep.Columns["sla_violation_rate"][i]));
            }

            AnsiConsole.Write(table);
            string folder = parse.GetValue(output)!;
            Directory.CreateDirectory(folder);
            Microsoft.Data.Analysis.DataFrame.SaveCsv(sweep, Path.Combine(folder, "predictor_sweep.csv"), cultureInfo: CultureInfo.InvariantCulture);
            string chart = SuiteChartFiles.WritePage(folder, "predictor_sweep.html", SuiteCharts.PredictorSweep(sweep));
            Console.WriteLine($"Wrote {Path.Combine(folder, "predictor_sweep.csv")} and {chart}.");
        }));
        return new Command("sweep", "Parameter sweeps beyond the suite.") { predictors };
    }

    private static string F(object? value) => value is null ? "-" : Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("G5", CultureInfo.InvariantCulture);
}
