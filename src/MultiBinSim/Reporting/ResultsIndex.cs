using System.Globalization;
using System.Text.Json;
using MultiBinSim.Experiments;
using MultiBinSim.Metrics;
using MultiBinSim.Storage;

namespace MultiBinSim.Reporting;

/// <summary>
/// The front page of a results folder (<c>OUT/index.html</c>), written by <c>mbsim suite</c>, <c>mbsim capacity</c>,
/// <c>mbsim sweep</c> and <c>mbsim results merge</c> after every run from everything the folder holds, so a later run
/// never hides an earlier one's results: what ran (the command, the kit and semantics versions, the resolved
/// configuration of the suite's <c>analysis.json</c>, the capacity search's <c>capacity_search.json</c> and each sweep's
/// manifest (<see cref="SweepOutput"/>), the settings of the stored rows), the analysis, one summary table per step view
/// (the numbers <c>mbsim suite</c> prints) and per sweep, every chart in <c>charts/</c> with its finding, and links to
/// every data file. Static HTML without JavaScript; the same folder gives the same bytes (no times: the manifests'
/// start and end times are left out).
/// </summary>
public static class ResultsIndex
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The settings of the stored rows shown per step (those that describe a test, not its outcome).</summary>
    private static readonly string[] SettingColumns =
    [
        ConfigurationColumns.SchedulerType.Name,
        ConfigurationColumns.NumRequestsRequested.Name,
        ConfigurationColumns.NumGpus.Name,
        ConfigurationColumns.KBins.Name,
        ConfigurationColumns.BinPolicy.Name,
        ConfigurationColumns.RpsScaling.Name,
        ConfigurationColumns.UseRealTimestamps.Name,
        ConfigurationColumns.DSla.Name,
        ConfigurationColumns.Predictor.Name,
        ConfigurationColumns.Seed.Name,
        ConfigurationColumns.Dataset.Name,
        ConfigurationColumns.DatasetSha256.Name,
        ConfigurationColumns.CodeVersion.Name,
        ConfigurationColumns.LatencyAlpha.Name,
        ConfigurationColumns.LatencyBeta.Name,
        ConfigurationColumns.LatencyGamma.Name,
        EngineColumns.Engine,
        EngineColumns.Options,
        ResultFacets.LoadLevelColumn,
        ConfigurationColumns.CapacityCriterion.Name,
    ];

    /// <summary>Writes OUT/index.html (atomically) and returns its path.</summary>
    /// <param name="folder">The results folder.</param>
    /// <param name="rows">Every row the folder's store holds (<see cref="ResultStore.Rows"/>).</param>
    /// <param name="command">The command line that wrote it, or null.</param>
    public static string Write(string folder, IReadOnlyList<ResultRow> rows, string? command = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string path = Path.Combine(folder, IndexHtml.FileName);
        AtomicFile.WriteAllText(path, Html(folder, rows, command));
        return path;
    }

    /// <summary>
    /// <see cref="Write"/> with the rows of the folder's journal when it has one (none otherwise: a folder of load levels
    /// gets a front page linking theirs). Reads the journal without taking the folder's lock; call it when no run writes there.
    /// </summary>
    public static string WriteFromDisk(string folder, string? command = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        Directory.CreateDirectory(folder);
        var rows = File.Exists(Path.Combine(folder, ResultStore.CsvName)) ? ResultStore.LoadRows(folder) : [];
        return Write(folder, rows, command);
    }

    /// <summary>The page's HTML (see <see cref="ResultsIndex"/>).</summary>
    public static string Html(string folder, IReadOnlyList<ResultRow> rows, string? command = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(rows);
        var latest = rows.GroupBy(r => r.TestKey).Select(g => g.Last()).ToArray();
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        var page = new IndexHtml($"MultiBinSim results: {name}");
        page.Paragraph(
            $"The front page of this results folder, rewritten by every mbsim suite, capacity, sweep and results merge run into it from everything it holds "
                + $"({Contents(folder, latest.Length)}). Plain HTML without scripts: the charts open as pages beside it, and everything renders offline.",
            "muted"
        );

        WhatRan(page, folder, latest, command);
        Analysis(page, folder);
        SummaryTables(page, latest);
        Sweeps(page, folder);
        Charts(page, folder);
        DataFiles(page, folder);
        return page.Render();
    }

    private static void WhatRan(IndexHtml page, string folder, IReadOnlyList<ResultRow> rows, string? command)
    {
        // A folder holding only sweeps has no stored tests (and so no engine of its own to name).
        page.WhatRan(
            command,
            rows.Count == 0
                ? []
                :
                [
                    ("engines", string.Join(", ", rows.Select(Engine).Distinct().Order(StringComparer.Ordinal))),
                    ("stored tests", $"{rows.Count:N0} ({rows.Count(r => !r.Succeeded):N0} failed)"),
                ]
        );

        const string plan = "Every option as the run resolved it; the plan sets each test's scheduler, GPUs and K (see the settings per step below).";
        const string sweep = "Every option as the sweep resolved it; the sweep sets what varies between its rows (see its table below).";
        var manifests = new[] { (SuiteAnalysis.FileName, "Suite", plan), (CapacitySweep.ManifestFileName, "Capacity search", plan) }.Concat(
            SweepOutput.All.Select(s => (s.ManifestFileName, s.Title, sweep))
        );
        foreach (var (file, title, note) in manifests)
        {
            if (ReadJson(Path.Combine(folder, file)) is not { } json || !json.RootElement.TryGetProperty("manifest", out var manifest))
            {
                continue;
            }

            page.Heading($"{title}: the resolved configuration ({file})", 3);
            page.Paragraph(note, "muted");
            var manifestSettings = new List<(string, string)>();
            foreach (var property in manifest.EnumerateObject())
            {
                // Times change with every run; the index shows what ran, not when. The configuration follows as its own rows.
                if (
                    property.Name is "start_time" or "end_time" or "configuration"
                    || (property.Name == "options" && manifest.TryGetProperty("configuration", out _))
                )
                {
                    continue;
                }

                Flatten(property.Name, property.Value, manifestSettings);
            }

            if (manifest.TryGetProperty("configuration", out var configuration))
            {
                foreach (var property in configuration.EnumerateObject())
                {
                    Flatten(property.Name, property.Value, manifestSettings);
                }
            }

            page.Settings(manifestSettings);
        }

        var steps = rows.Select(r => r.Step).Distinct().OrderBy(StepOrder).ToArray();
        if (steps.Length == 0)
        {
            return;
        }

        page.Heading("Settings of the stored tests, per step", 3);
        page.Paragraph("One value where every test of the step shares it; the values in order where the plan varies it.", "muted");
        var byStep = steps.ToDictionary(s => s, s => rows.Where(r => r.Step == s).ToArray());
        var table = new List<IReadOnlyList<IndexCell>>();
        foreach (string column in SettingColumns)
        {
            var cells = steps.Select(s => Values(byStep[s], column)).ToArray();
            if (cells.All(c => c.Length == 0))
            {
                continue;
            }

            table.Add([new IndexCell(column), .. cells.Select(c => new IndexCell(c))]);
        }

        page.Table(["setting", .. steps.Select(SuiteStep.Title)], table);
    }

    /// <summary>The analysis.json findings: the 10 % crossings, the best GPU count, the K verdict, the grid's optimal configurations.</summary>
    private static void Analysis(IndexHtml page, string folder)
    {
        if (ReadJson(Path.Combine(folder, SuiteAnalysis.FileName)) is not { } json)
        {
            return;
        }

        var root = json.RootElement;
        var settings = new List<(string, string)>();
        if (root.TryGetProperty("request_scaling", out var step1) && step1.TryGetProperty("sla_violation_rate_exceeds_10pct_at_n", out var crossings))
        {
            foreach (var c in crossings.EnumerateObject())
            {
                settings.Add(
                    (
                        $"Step 1: SLA violation rate above 10 % from N, {c.Name}",
                        c.Value.ValueKind == JsonValueKind.Number ? IndexHtml.Number(c.Value.GetDouble()) : "never"
                    )
                );
            }
        }

        if (root.TryGetProperty("gpu_scaling", out var step2) && step2.TryGetProperty("best_gpu_count", out var best) && best.ValueKind == JsonValueKind.Number)
        {
            settings.Add(("Step 2: best GPU count (highest capacity under SLA)", IndexHtml.Number(best.GetDouble())));
        }

        if (
            root.TryGetProperty("kbins_sensitivity", out var step3)
            && step3.TryGetProperty("best_k_verdict", out var verdict)
            && verdict.GetString() is { } text
            && text != "no K sensitivity rows"
        )
        {
            settings.Add(("Step 3: K verdict", text));
        }

        if (root.TryGetProperty("optimal_configurations", out var optimal))
        {
            foreach (var o in optimal.EnumerateArray())
            {
                settings.Add(
                    (
                        $"Grid: optimal configuration at N = {IndexHtml.Number(o.GetProperty("num_requests").GetDouble())}",
                        $"{o.GetProperty("num_gpus").GetInt32()} GPUs, K = {o.GetProperty("k_bins").GetInt32()}, "
                            + $"SLA violation rate {IndexHtml.Percent(o.GetProperty("sla_violation_rate").GetDouble())} % ({o.GetProperty("rule").GetString()})"
                    )
                );
            }
        }

        if (settings.Count > 0)
        {
            page.Heading("Analysis (analysis.json)");
            page.Table(["finding", "value"], settings.Select(s => (IReadOnlyList<IndexCell>)[new IndexCell(s.Item1), new IndexCell(s.Item2)]));
        }
    }

    /// <summary>One table per step view: the columns <c>mbsim suite</c> (or <c>mbsim capacity</c>) prints, for every stored row of the step.</summary>
    private static void SummaryTables(IndexHtml page, IReadOnlyList<ResultRow> rows)
    {
        var steps = rows.Select(r => r.Step).Distinct().OrderBy(StepOrder).ToArray();
        if (steps.Length == 0)
        {
            return;
        }

        page.Heading("Summary tables");
        page.Paragraph("Every stored test of each step, in the order of its view file; rates in percent.", "muted");
        foreach (int step in steps)
        {
            var view = ResultStore.ViewRows(rows, step);
            string viewName = ResultStore.StepViews.FirstOrDefault(v => v.Step == step).Name ?? $"step{step}";
            page.Heading($"{SuiteStep.Title(step)} ({view.Count:N0} tests, {view.Count(r => !r.Succeeded):N0} failed; view {viewName}.csv)", 3);
            if (step == SuiteStep.CapacitySearch)
            {
                var continuous = view.Where(r => Cell(r, CapacityColumns.Criterion) is not null).ToArray();
                var batch = view.Except(continuous).ToArray();
                if (batch.Length > 0)
                {
                    Table(page, batch, BatchCapacityColumns);
                }

                if (continuous.Length > 0)
                {
                    Table(page, continuous, ContinuousCapacityColumns);
                }

                continue;
            }

            var columns = new List<Column>();
            if (view.Select(Engine).Distinct().Count() > 1)
            {
                columns.Add(new(ConfigurationColumns.Engine.Name, r => Engine(r)));
            }

            if (view.Select(ResultFacets.LoadLevel).Distinct().Count() > 1)
            {
                columns.Add(new("load level", r => ResultFacets.LoadLevel(r) ?? "-"));
            }

            columns.AddRange(StepColumns);
            if (view.Select(r => r.Get<int>(ConfigurationColumns.Seed.Name)).Distinct().Count() > 1)
            {
                columns.Insert(
                    columns.Count - StepColumns.Count + 4,
                    new(ConfigurationColumns.Seed.Name, r => Whole(r.Get<int>(ConfigurationColumns.Seed.Name)), true)
                );
            }

            if (view.Any(r => Cell(r, MetricCatalogue.P90Ttft.Name) is not null))
            {
                columns.InsertRange(
                    columns.Count - 1,
                    [
                        new("p90 TTFT (s)", r => Num(r, MetricCatalogue.P90Ttft.Name), true),
                        new("avg TPOT (s)", r => Num(r, MetricCatalogue.AvgTpot.Name), true),
                        new("SLO attainment (%)", r => Pct(r, MetricCatalogue.SloAttainment.Name), true),
                    ]
                );
            }

            Table(page, view, columns);
        }
    }

    private sealed record Column(string Header, Func<ResultRow, string> Value, bool Numeric = false);

    private static readonly IReadOnlyList<Column> StepColumns =
    [
        new("scheduler", r => r.GetString(ConfigurationColumns.SchedulerType.Name) ?? "-"),
        new("N (requests)", r => Whole(r.Get<int>(MetricCatalogue.NumRequests.Name) ?? r.Get<int>(ConfigurationColumns.NumRequestsRequested.Name)), true),
        new("GPUs", r => Whole(r.Get<int>(ConfigurationColumns.NumGpus.Name)), true),
        new("K", r => Whole(r.Get<int>(ConfigurationColumns.KBins.Name)), true),
        new("SLA violation rate (%)", r => Pct(r, MetricCatalogue.SlaViolationRate.Name), true),
        new("capacity under SLA (req/s)", r => Num(r, MetricCatalogue.CapacityQpsUnderSla.Name), true),
        new("p95 latency (s)", r => Num(r, MetricCatalogue.P95Latency.Name), true),
        new("avg GPU utilization (%)", r => Pct(r, MetricCatalogue.AvgGpuUtilization.Name), true),
        new(ConfigurationColumns.Status.Name, r => r.Status),
    ];

    private static readonly IReadOnlyList<Column> BatchCapacityColumns =
    [
        new("scheduler", r => r.GetString(ConfigurationColumns.SchedulerType.Name) ?? "-"),
        new("GPUs", r => Whole(r.Get<int>(ConfigurationColumns.NumGpus.Name)), true),
        new("K", r => Whole(r.Get<int>(ConfigurationColumns.KBins.Name)), true),
        new("rps scaling (x)", r => Num(r, ConfigurationColumns.RpsScaling.Name), true),
        new("capacity (req/s)", r => IndexHtml.Number(CapacityColumns.RequestsPerSecOf(r)), true),
        new("capacity per GPU (req/s)", r => IndexHtml.Number(PerGpu(r)), true),
        new("SLA violation rate at capacity (%)", r => Pct(r, MetricCatalogue.SlaViolationRate.Name), true),
        new(ConfigurationColumns.Status.Name, r => r.Status),
    ];

    private static readonly IReadOnlyList<Column> ContinuousCapacityColumns =
    [
        new("policy", r => r.GetString(ConfigurationColumns.SchedulerType.Name) ?? "-"),
        new("replicas", r => Whole(r.Get<int>(ConfigurationColumns.NumGpus.Name)), true),
        new("criterion", r => Cell(r, CapacityColumns.Criterion) as string ?? "-"),
        new("rps scaling (x)", r => Num(r, ConfigurationColumns.RpsScaling.Name), true),
        new("capacity (req/s)", r => IndexHtml.Number(CapacityColumns.RequestsPerSecOf(r)), true),
        new("capacity per GPU (req/s)", r => IndexHtml.Number(PerGpu(r)), true),
        new("SLO attainment (%)", r => Pct(r, MetricCatalogue.SloAttainment.Name), true),
        new("p90 TTFT (s)", r => Num(r, MetricCatalogue.P90Ttft.Name), true),
        new("avg TPOT (s)", r => Num(r, MetricCatalogue.AvgTpot.Name), true),
        new("preemptions", r => Cell(r, MetricCatalogue.NumPreemptions.Name) is { } v ? Whole(Convert.ToInt64(v, C)) : "-", true),
        new(ConfigurationColumns.Status.Name, r => r.Status),
    ];

    private static void Table(IndexHtml page, IReadOnlyList<ResultRow> rows, IReadOnlyList<Column> columns) =>
        page.Table(
            columns.Select(c => c.Header).ToArray(),
            rows.Select(r => (IReadOnlyList<IndexCell>)columns.Select(c => new IndexCell(c.Value(r), Numeric: c.Numeric)).ToArray()),
            i => !rows[i].Succeeded
        );

    /// <summary>Every sweep of <see cref="SweepOutput.All"/> the folder holds: what its rows are, its finding, and its rows as its CSV holds them.</summary>
    private static void Sweeps(IndexHtml page, string folder)
    {
        var sweeps = SweepOutput.All.Where(s => File.Exists(Path.Combine(folder, s.CsvFileName))).ToArray();
        if (sweeps.Length == 0)
        {
            return;
        }

        page.Heading("Sweeps");
        foreach (var sweep in sweeps)
        {
            string csv = Path.Combine(folder, sweep.CsvFileName);
            string[] headers = [.. File.ReadLines(csv).First().Split(',')];
            var rows = Microsoft.Data.Analysis.DataFrame.LoadCsv(csv, dataTypes: [.. headers.Select(_ => typeof(string))], cultureInfo: C);
            page.Heading($"{sweep.Title} ({rows.Rows.Count:N0} rows; {sweep.CsvFileName})", 3);
            page.Paragraph(sweep.Description[..1].ToUpperInvariant() + sweep.Description[1..] + ".", "muted");
            using (var manifest = ReadJson(Path.Combine(folder, sweep.ManifestFileName)))
            {
                if (manifest is not null && manifest.RootElement.TryGetProperty("finding", out var finding) && finding.GetString() is { Length: > 0 } text)
                {
                    page.Labelled("Finding.", text, "finding");
                }
            }

            // A column with one value in every row is said once above the table, so that the table fits the page; the
            // CSV's column names with spaces for underscores, so that long names wrap.
            var cells = rows.Rows.Select(r => r.Select(CsvCell).ToArray()).ToArray();
            var varying = Enumerable.Range(0, headers.Length).Where(c => cells.Length < 2 || cells.Any(r => r[c].Text != cells[0][c].Text)).ToArray();
            var same = Enumerable.Range(0, headers.Length).Except(varying).Select(c => $"{headers[c].Replace('_', ' ')} {cells[0][c].Text}").ToArray();
            if (same.Length > 0)
            {
                page.Labelled("The same in every row:", string.Join("; ", same) + ".");
            }

            page.Table(
                [.. varying.Select(c => headers[c].Replace('_', ' '))],
                cells.Select(r => (IReadOnlyList<IndexCell>)varying.Select(c => r[c]).ToArray())
            );
        }
    }

    /// <summary>A cell of a sweep's CSV: numbers as the index shows them (right-aligned), text as it is, "-" for empty.</summary>
    private static IndexCell CsvCell(object? value) =>
        value is not string { Length: > 0 } text ? new IndexCell("-")
        : double.TryParse(text, NumberStyles.Float, C, out double number) ? new IndexCell(IndexHtml.Number(number), Numeric: true)
        : new IndexCell(text);

    /// <summary>"120 stored tests", "1 sweep", "120 stored tests, 2 sweeps": what the folder holds.</summary>
    private static string Contents(string folder, int storedTests)
    {
        int sweeps = SweepOutput.All.Count(s => File.Exists(Path.Combine(folder, s.CsvFileName)));
        string tests = $"{storedTests:N0} stored tests";
        string sweepCount = $"{sweeps} {(sweeps == 1 ? "sweep" : "sweeps")}";
        return sweeps == 0 ? tests
            : storedTests == 0 ? sweepCount
            : $"{tests}, {sweepCount}";
    }

    /// <summary>Every chart page in OUT/charts, each linked with its title and the finding written on it.</summary>
    private static void Charts(IndexHtml page, string folder)
    {
        string charts = Path.Combine(folder, SuiteChartFiles.FolderName);
        if (!Directory.Exists(charts))
        {
            return;
        }

        var files = Directory
            .GetFiles(charts, "*.html")
            .Select(Path.GetFileName)
            .OfType<string>()
            .OrderBy(ChartOrder)
            .ThenBy(f => f, StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
        {
            return;
        }

        page.Heading("Charts");
        page.Paragraph(
            $"{files.Length} chart pages in {SuiteChartFiles.FolderName}/, loading {ChartHtml.PlotlyFileName} from beside them (no network).",
            "muted"
        );
        foreach (string file in files)
        {
            string html = File.ReadAllText(Path.Combine(charts, file));
            page.Chart(
                $"{SuiteChartFiles.FolderName}/{file}",
                ChartHtml.TitleOfPage(html) is { Length: > 0 } title ? $"{title} ({file})" : file,
                ChartHtml.FindingOf(html) ?? "No finding recorded on this page (written by an earlier version; the next run rewrites it)."
            );
        }
    }

    /// <summary>Links to every data file in the folder (CSV, Parquet, JSON), the Parquet dataset folder, and sub-folders with their own front page.</summary>
    private static void DataFiles(IndexHtml page, string folder)
    {
        var links = new List<(string, string, string)>();
        foreach (string file in Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal))
        {
            string extension = Path.GetExtension(file);
            if (extension is ".csv" or ".parquet" or ".json")
            {
                links.Add((file, file, Describe(file)));
            }
        }

        if (Directory.Exists(Path.Combine(folder, ResultStore.ParquetName)))
        {
            links.Add(
                (
                    ResultStore.ParquetName + "/",
                    ResultStore.ParquetName + "/",
                    "the same rows as a Parquet dataset folder (read it as one table with DuckDB, pandas or polars)"
                )
            );
        }

        var subfolders = Directory
            .GetDirectories(folder)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(d => File.Exists(Path.Combine(folder, d, IndexHtml.FileName)))
            .Order(StringComparer.Ordinal)
            .Select(d => ($"{d}/{IndexHtml.FileName}", $"{d}/", "a results folder of its own (for example a load level or a shard), with its front page"))
            .ToArray();
        if (links.Count > 0)
        {
            page.Heading("Data files");
            page.Links(links);
        }

        if (subfolders.Length > 0)
        {
            page.Heading("Results folders inside this one");
            page.Links(subfolders);
        }
    }

    private static string Describe(string file)
    {
        string stem = Path.GetFileNameWithoutExtension(file);
        if (file == ResultStore.CsvName)
        {
            return "the journal: every stored test, the source of truth";
        }

        if (file == SuiteAnalysis.FileName)
        {
            return "the suite's analysis: series, 10 % crossings, best GPU count, K verdict, manifest";
        }

        if (file == CapacitySweep.ManifestFileName)
        {
            return "the capacity search's manifest and resolved configuration";
        }

        foreach (var sweep in SweepOutput.All)
        {
            if (file == sweep.CsvFileName)
            {
                return $"{sweep.Title}, rows: {sweep.Description}";
            }

            if (file == sweep.ManifestFileName)
            {
                return $"{sweep.Title}, manifest: the resolved configuration and the finding";
            }
        }

        return ResultStore.StepViews.FirstOrDefault(v => v.Name == stem) is { Name: not null } view
            ? $"view of {SuiteStep.Title(view.Step)} ({(file.EndsWith(".csv", StringComparison.Ordinal) ? "CSV" : "Parquet")})"
            : "";
    }

    /// <summary>Steps in the order of the suite (1, 2, 3, grid, compare), then the capacity search.</summary>
    private static int StepOrder(int step) => SuiteStep.Ordered.ToList().IndexOf(step) is >= 0 and var i ? i : 100 + step;

    private static int ChartOrder(string file) =>
        Array.FindIndex(["step1_", "step2_", "step3_", "heatmap_", "throughput_vs_latency", "pareto_", "capacity_"], p =>
            file.StartsWith(p, StringComparison.Ordinal)
        )
            is >= 0
                and var i
            ? i
            : 99;

    private static string Engine(ResultRow row) => (Cell(row, EngineColumns.Engine) as string) ?? Simulation.SimulationEngines.Default;

    /// <summary>A column's value: of this version's schema, else kept from the file (<see cref="ResultRow.Extra"/>), else null.</summary>
    private static object? Cell(ResultRow row, string column) => ResultSchema.TryIndexOf(column) >= 0 || row.Extra.ContainsKey(column) ? row[column] : null;

    /// <summary>The distinct values of a column over rows, in order ("" when no row has it).</summary>
    private static string Values(IReadOnlyList<ResultRow> rows, string column)
    {
        if (ResultSchema.TryIndexOf(column) < 0 && rows.All(r => !r.Extra.ContainsKey(column)))
        {
            return "";
        }

        var values = rows.Select(r => Cell(r, column)).Where(v => v is not null).Distinct().ToArray();
        var text = values
            .OrderBy(v => v is IConvertible && v is not string and not bool ? Convert.ToDouble(v, C) : 0)
            .ThenBy(v => Convert.ToString(v, C), StringComparer.Ordinal)
            .Select(Format)
            .ToArray();
        return text.Length <= 12 ? string.Join(", ", text) : $"{string.Join(", ", text.Take(12))}, ... ({text.Length} values)";
    }

    private static string Format(object? value) =>
        value switch
        {
            null => "-",
            bool b => b ? "true" : "false",
            int i => Whole(i),
            long l => Whole(l),
            double d => IndexHtml.Number(d, 6),
            _ => Convert.ToString(value, C) ?? "",
        };

    /// <summary>A JSON value as setting rows: objects by dotted names, arrays of scalars joined by commas.</summary>
    private static void Flatten(string name, JsonElement value, List<(string, string)> into)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    Flatten($"{name}.{property.Name}", property.Value, into);
                }

                break;
            case JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)):
                into.Add((name, string.Join(", ", value.EnumerateArray().Select(Scalar))));
                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (var element in value.EnumerateArray())
                {
                    Flatten($"{name}[{i++}]", element, into);
                }

                break;
            default:
                into.Add((name, Scalar(value)));
                break;
        }
    }

    private static string Scalar(JsonElement value) =>
        value.ValueKind switch
        {
            JsonValueKind.Null => "none",
            JsonValueKind.String => value.GetString() ?? "",
            JsonValueKind.Number => value.TryGetDouble(out double d) ? IndexHtml.Number(d, 10) : value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => value.GetRawText(),
        };

    private static JsonDocument? ReadJson(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException)
        {
            return null; // a damaged or foreign file: the index goes without its section
        }
    }

    private static double? PerGpu(ResultRow row) =>
        CapacityColumns.RequestsPerSecOf(row) is { } c && row.Get<int>(ConfigurationColumns.NumGpus.Name) is { } g ? CapacityColumns.PerGpu(c, g) : null;

    private static string Num(ResultRow row, string column) => Cell(row, column) is { } v ? IndexHtml.Number(Convert.ToDouble(v, C)) : "-";

    private static string Pct(ResultRow row, string column) => Cell(row, column) is { } v ? IndexHtml.Percent(Convert.ToDouble(v, C)) : "-";

    private static string Whole(long? value) => IndexHtml.Whole(value);
}
