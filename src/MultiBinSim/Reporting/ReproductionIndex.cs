using System.Globalization;
using System.Text.Json;
using MultiBinSim.Experiments;
using MultiBinSim.Experiments.Reproductions;
using MultiBinSim.Storage;

namespace MultiBinSim.Reporting;

/// <summary>
/// The front page of a reproductions folder (<c>DIR/index.html</c>), written by <c>mbsim reproduce</c> after every run
/// from every reproduction the folder holds (each NAME.json that <see cref="ReproductionWriter"/> wrote), so reproducing
/// one figure into the folder keeps the others on the page: what ran, the pass/fail table
/// (<see cref="ReproductionFrames.PassFailSummary"/>), each reproduction's page with its finding
/// (<see cref="ReproductionReport.Finding"/>) and published-vs-ours table, and links to its CSV and JSON. Static HTML
/// without JavaScript; the same folder gives the same bytes.
/// </summary>
public static class ReproductionIndex
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Writes DIR/index.html (atomically) and returns its path.</summary>
    /// <param name="folder">The reproductions folder.</param>
    /// <param name="command">The command line that wrote it, or null.</param>
    public static string Write(string folder, string? command = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string path = Path.Combine(folder, IndexHtml.FileName);
        AtomicFile.WriteAllText(path, Html(folder, command));
        return path;
    }

    /// <summary>A stored reproduction: its result as read back from NAME.json, and the options it ran with (when recorded).</summary>
    private sealed record Stored(ReproductionResult Result, IReadOnlyList<string> ChartTitles, IReadOnlyList<(string, string)> Options, string JsonFile);

    /// <summary>The page's HTML (see <see cref="ReproductionIndex"/>).</summary>
    public static string Html(string folder, string? command = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var known = Reproductions.Names.ToList();
        var stored = Read(folder)
            .OrderBy(s => known.IndexOf(s.Result.Name) is >= 0 and var i ? i : int.MaxValue)
            .ThenBy(s => s.Result.Name, StringComparer.Ordinal)
            .ToArray();
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        var page = new IndexHtml($"MultiBinSim paper reproductions: {name}");
        page.Paragraph(
            "The front page of this reproductions folder, rewritten by every mbsim reproduce run into it from every reproduction it holds. "
                + "Plain HTML without scripts: each reproduction's page (its charts and published numbers) opens beside it and loads "
                + $"{ChartHtml.PlotlyFileName} from this folder, so everything renders offline.",
            "muted"
        );

        page.WhatRan(command, ("reproductions", stored.Length == 0 ? "none" : string.Join(", ", stored.Select(s => s.Result.Name))));
        var options = stored.Where(s => s.Options.Count > 0).ToArray();
        if (options.Length > 0)
        {
            page.Heading("Resolved configuration per reproduction", 3);
            var keys = options.SelectMany(s => s.Options.Select(o => o.Item1)).Distinct().ToArray();
            page.Table(
                ["reproduction", .. keys],
                options.Select(s =>
                    (IReadOnlyList<IndexCell>)
                        [new IndexCell(s.Result.Name), .. keys.Select(k => new IndexCell(s.Options.FirstOrDefault(o => o.Item1 == k).Item2 ?? "-"))]
                )
            );
        }

        if (stored.Length == 0)
        {
            return page.Render();
        }

        page.Heading("Pass or fail");
        page.Paragraph(
            "Per reproduction, how many published numbers are within their tolerance, OUTSIDE it, not checked (a real-GPU measurement or a "
                + "distribution that is not public) or without a published value (the kit's own numbers); pass when none is OUTSIDE (the rule of mbsim reproduce --check).",
            "muted"
        );
        var summary = ReproductionFrames.PassFailSummary(stored.Select(s => s.Result));
        page.Table(
            ["reproduction", "within", "OUTSIDE", "not checked", "no published value", "result"],
            Enumerable
                .Range(0, (int)summary.Rows.Count)
                .Select(i =>
                    (IReadOnlyList<IndexCell>)
                        [
                            new IndexCell((string)summary["reproduction"][i]),
                            new IndexCell(Convert.ToString(summary["within"][i], C)!, Numeric: true),
                            new IndexCell(Convert.ToString(summary["outside"][i], C)!, Numeric: true),
                            new IndexCell(Convert.ToString(summary["not_checked"][i], C)!, Numeric: true),
                            new IndexCell(Convert.ToString(summary["no_published_value"][i], C)!, Numeric: true),
                            new IndexCell((string)summary["result"][i]),
                        ]
                ),
            i => (string)summary["result"][i] != "pass"
        );

        page.Heading("Reproductions");
        foreach (var s in stored)
        {
            var r = s.Result;
            string html = r.Name + ".html";
            page.Chart(html, $"{r.Title} ({html})", ReproductionReport.Finding(r));
            page.Labelled(r.Paper + ".", r.Setup);
            if (s.ChartTitles.Count > 0)
            {
                page.Labelled("Charts on the page:", string.Join("; ", s.ChartTitles));
            }

            page.Table(
                ["quantity", "paper", "ours", "relative difference (%)", "tolerance (%)", "verdict", "note"],
                r.Comparisons.Select(p =>
                    (IReadOnlyList<IndexCell>)
                        [
                            new IndexCell(p.Quantity),
                            new IndexCell(
                                p.PaperValue is { } paper ? IndexHtml.Number(paper, 5) : PublishedComparison.NoPublishedValue,
                                Numeric: p.PaperValue is not null
                            ),
                            new IndexCell(IndexHtml.Number(p.OurValue, 5), Numeric: true),
                            new IndexCell(IndexHtml.Percent(p.RelativeDifference), Numeric: true),
                            new IndexCell(p.Tolerance is { } t ? IndexHtml.Percent(t) : "not checked", Numeric: p.Tolerance is not null),
                            new IndexCell(p.Verdict),
                            new IndexCell(p.Note),
                        ]
                ),
                i => r.Comparisons[i].WithinTolerance == false
            );
            var links = new List<(string, string, string)> { (html, html, "the charts and the comparison table") };
            if (File.Exists(Path.Combine(folder, r.Name + ".csv")))
            {
                links.Add((r.Name + ".csv", r.Name + ".csv", "the series"));
            }

            links.Add((s.JsonFile, s.JsonFile, "the comparisons and the options, as mbsim reproduce --json prints them"));
            page.Links(links);
        }

        return page.Render();
    }

    /// <summary>Every NAME.json of the folder that holds one reproduction as <see cref="ReproductionWriter"/> writes it.</summary>
    private static IEnumerable<Stored> Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (string path in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            Stored? stored;
            try
            {
                using var json = JsonDocument.Parse(File.ReadAllText(path));
                stored = Parse(json.RootElement, Path.GetFileName(path));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
            {
                stored = null; // not a reproduction's file
            }

            if (stored is not null)
            {
                yield return stored;
            }
        }
    }

    private static Stored? Parse(JsonElement root, string file)
    {
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != 1)
        {
            return null;
        }

        var e = root[0];
        if (!e.TryGetProperty("name", out var name) || !e.TryGetProperty("comparisons", out var comparisons))
        {
            return null;
        }

        double? Nullable(JsonElement x, string key) => x.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
        var parsed = comparisons
            .EnumerateArray()
            .Select(c => new PublishedComparison(
                c.GetProperty("quantity").GetString() ?? "",
                Nullable(c, "paper_value"),
                c.GetProperty("our_value").GetDouble(),
                Nullable(c, "relative_difference"),
                Nullable(c, "tolerance"),
                c.GetProperty("note").GetString() ?? ""
            ))
            .ToArray();
        var result = new ReproductionResult(
            name.GetString() ?? "",
            e.GetProperty("title").GetString() ?? "",
            e.GetProperty("paper").GetString() ?? "",
            e.GetProperty("setup").GetString() ?? "",
            new ReproductionTable(ReproductionColumn.Text("none", "")),
            [],
            parsed
        );
        var charts = e.TryGetProperty("charts", out var c) ? c.EnumerateArray().Select(t => t.GetString() ?? "").ToArray() : [];
        var options = new List<(string, string)>();
        if (e.TryGetProperty("options", out var o))
        {
            foreach (var property in o.EnumerateObject())
            {
                options.Add(
                    (
                        property.Name,
                        property.Value.ValueKind switch
                        {
                            JsonValueKind.Null => property.Name == "seeds" ? "the paper's (or --quick's)" : "none",
                            JsonValueKind.True => "true",
                            JsonValueKind.False => "false",
                            JsonValueKind.String => property.Value.GetString() ?? "",
                            _ => property.Value.GetRawText(),
                        }
                    )
                );
            }
        }

        return new Stored(result, charts, options, file);
    }
}
