using System.CommandLine;
using MultiBinSim.Storage;
using MultiBinSim.Workloads;
using Spectre.Console;

namespace MultiBinSim.Cli;

/// <summary><c>mbsim data fetch</c> and <c>mbsim data describe</c>.</summary>
internal static class DataCommand
{
    public static Command Create() => new("data", "Fetch, describe and export request traces.") { Fetch(), Describe(), Synth() };

    private static Command Synth()
    {
        var rows = new Option<int>("--rows") { Description = "Rows to generate.", DefaultValueFactory = _ => SyntheticBurstGpt.DefaultRows };
        var output = new Option<string>("--out") { Description = "CSV file to write (BurstGPT format).", Required = true };
        var command = new Command("synth", "Write the embedded synthetic BurstGPT-shaped trace as a BurstGPT-format CSV.") { rows, output };
        command.SetAction(parse =>
            CliErrors.Guard(() =>
            {
                string path = parse.GetValue(output)!;
                BurstGptWriter.Write(SyntheticBurstGpt.Generate(parse.GetValue(rows)), path);
                Console.WriteLine($"Wrote {parse.GetValue(rows):N0} synthetic rows to {path} (a stand-in for BurstGPT, not real traffic).");
            })
        );
        return command;
    }

    private static Command Fetch()
    {
        var which = new Argument<string>("DATASET") { Description = "The dataset to fetch (burstgpt)." }.Binds("DatasetName");
        var file = new Option<string>("--file")
        {
            Description = $"Release file: {string.Join(", ", BurstGptRelease.All.Select(r => r.FileName))}.",
            DefaultValueFactory = _ => "BurstGPT_1.csv",
        }.Binds("File");
        var dest = new Option<string>("--dest")
        {
            Description = "Folder to save into (a DATASETS.md manifest is kept beside the file).",
            DefaultValueFactory = _ => "data",
        };
        var url = new Option<string?>("--url") { Description = "Download from this URL instead of the official HPMLL/BurstGPT v1.1 release asset." };
        var command = new Command("fetch", "Download a BurstGPT release file, resuming partial downloads, and verify it before use.")
        {
            which,
            file,
            dest,
            url,
        };
        command.SetAction(
            (parse, cancellation) =>
                CliErrors.GuardAsync(async () =>
                {
                    if (!string.Equals(parse.GetValue(which), "burstgpt", StringComparison.OrdinalIgnoreCase))
                    {
                        throw new Errors.ConfigurationException(
                            "DatasetName",
                            $"only 'burstgpt' can be fetched (got '{parse.GetValue(which)}'); Azure and Mooncake traces are read from files you download"
                        );
                    }

                    var release = BurstGptRelease.Find(parse.GetValue(file)!);
                    var source = new Uri(parse.GetValue(url) ?? BurstGptRelease.DefaultBaseUrl + release.FileName);
                    using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
                    var fetcher = new DatasetFetcher(client);
                    FetchResult result;
                    if (Console.IsOutputRedirected)
                    {
                        Console.WriteLine($"Downloading {source} ...");
                        result = await fetcher.FetchAsync(source, parse.GetValue(dest)!, release, null, cancellation);
                    }
                    else
                    {
                        result = await AnsiConsole
                            .Progress()
                            .Columns(
                                new TaskDescriptionColumn(),
                                new ProgressBarColumn(),
                                new DownloadedColumn(),
                                new TransferSpeedColumn(),
                                new RemainingTimeColumn()
                            )
                            .StartAsync(async context =>
                            {
                                var task = context.AddTask(Markup.Escape(release.FileName), maxValue: 1);
                                var progress = new Progress<(long Bytes, long? Total)>(p =>
                                {
                                    task.MaxValue = p.Total ?? Math.Max(task.MaxValue, p.Bytes);
                                    task.Value = p.Bytes;
                                });
                                return await fetcher.FetchAsync(source, parse.GetValue(dest)!, release, progress, cancellation);
                            });
                    }

                    Console.WriteLine(
                        $"Verified {result.Path}: {result.Rows:N0} data rows, {result.Bytes:N0} bytes, sha256 {result.Sha256}{(result.Resumed ? " (resumed)" : "")}."
                    );
                    Console.WriteLine(
                        $"Recorded in {Path.Combine(parse.GetValue(dest)!, DatasetFetcher.ManifestName)}. Use it with: mbsim suite --dataset {result.Path}"
                    );
                    return 0;
                })
        );
        return command;
    }

    private static Command Describe()
    {
        var path = new Argument<string>("PATH") { Description = "A trace file, or 'synthetic'." };
        var format = new Option<string>("--format")
        {
            Description = $"Trace format: {string.Join(", ", TraceReaders.Names)}.",
            DefaultValueFactory = _ => "auto",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("describe", "Describe a trace: rows, time span, request rates, token lengths, failures, model mix.") { path, format, json };
        command.SetAction(parse =>
            CliErrors.Guard(() =>
            {
                var trace = Datasets.Load(parse.GetValue(path)!, null, TraceReaders.Parse(parse.GetValue(format)!));
                var description = TraceDescription.Of(trace);
                if (parse.GetValue(json))
                {
                    Console.WriteLine(description.ToJson());
                    return;
                }

                var table = new Table().Border(TableBorder.Rounded).AddColumn("statistic").AddColumn("value");
                foreach (var (name, value) in description.Entries())
                {
                    table.AddRow(Markup.Escape(name), Markup.Escape(value));
                }

                AnsiConsole.Write(table);
            })
        );
        return command;
    }
}
