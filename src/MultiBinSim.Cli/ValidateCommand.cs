using System.CommandLine;
using System.Globalization;
using MultiBinSim.Experiments;
using Spectre.Console;

namespace MultiBinSim.Cli;

/// <summary><c>mbsim validate theory</c>: the simulator against Theorem 4.2 of the multi-bin batching paper.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON list instead of a table." };
        var requests = new Option<int>("--requests")
        {
            Description = "Requests per simulated point.",
            DefaultValueFactory = _ => TheoryValidation.DefaultRequests,
        }.Binds("Requests");
        var theory = new Command(
            "theory",
            "Compare simulated saturation throughput with Theorem 4.2 of arXiv 2412.04504 for k = 1..16 bins and B = 8, 32, 128 (the same runs as `mbsim reproduce multibin-thm42`, which also writes CSV and a chart)."
        )
        {
            json,
            requests,
        };
        theory.SetAction(parse =>
            CliErrors.Guard(() =>
            {
                if (parse.GetValue(requests) < 1000)
                {
                    throw new Errors.ConfigurationException("Requests", $"must be at least 1000 (got {parse.GetValue(requests)})");
                }

                var points = TheoryValidation.Run(parse.GetValue(requests));
                if (parse.GetValue(json))
                {
                    Console.WriteLine(TheoryValidation.ToJson(points));
                    return;
                }

                var table = new Table()
                    .Border(TableBorder.Rounded)
                    .Title(
                        Markup.Escape(
                            $"Theorem 4.2 (service time uniform on [{TheoryValidation.DefaultLMin}, {TheoryValidation.DefaultLMax}] s, all requests at t = 0, one server)"
                        )
                    )
                    .AddColumns("k", "B", "simulated (req/s)", "theory (req/s)", "relative error");
                foreach (var p in points)
                {
                    table.AddRow(
                        p.K.ToString(CultureInfo.InvariantCulture),
                        p.BatchSize.ToString(CultureInfo.InvariantCulture),
                        p.SimulatedThroughput.ToString("F5", CultureInfo.InvariantCulture),
                        p.TheoryThroughput.ToString("F5", CultureInfo.InvariantCulture),
                        p.RelativeError.ToString("P3", CultureInfo.InvariantCulture)
                    );
                }

                AnsiConsole.Write(table);
                AnsiConsole.MarkupLine($"Largest relative error: {points.Max(p => p.RelativeError).ToString("P3", CultureInfo.InvariantCulture)}.");
            })
        );
        var latencyJson = new Option<bool>("--json") { Description = "Print a JSON list instead of a table." };
        var latency = new Command(
            "latency",
            "Compare simulated mean latency of multi_bin_paper (k = 4, B = 8, 4 GPUs) with the infinite-server latency as the load falls."
        )
        {
            latencyJson,
        };
        latency.SetAction(parse =>
            CliErrors.Guard(() =>
            {
                var stdout = parse.GetValue(latencyJson) ? JsonOutput.Begin() : null;
                var frame = TheoryValidation.LatencyVersusLoad();
                if (stdout is not null)
                {
                    JsonOutput.Write(stdout, json => JsonOutput.WriteFrame(json, frame));
                    return;
                }

                var table = new Table().Border(TableBorder.Rounded).AddColumns(frame.Columns.Select(c => c.Name).ToArray());
                for (int i = 0; i < frame.Rows.Count; i++)
                {
                    table.AddRow(
                        frame.Columns.Select(c => Convert.ToDouble(c[i], CultureInfo.InvariantCulture).ToString("G5", CultureInfo.InvariantCulture)).ToArray()
                    );
                }

                AnsiConsole.Write(table);
            })
        );
        return new Command("validate", "Check the simulator against closed-form results.") { theory, latency };
    }
}
