using MathNet.Numerics.Statistics;

namespace MultiBinSim.Workloads;

/// <summary>Summary statistics of one token-length column (nearest-rank percentiles, as trace READMEs quote them).</summary>
public sealed record LengthStatistics(double Mean, double Median, double P90, double P99, int Max)
{
    public static LengthStatistics Of(int[] values)
    {
        if (values.Length == 0)
        {
            return new LengthStatistics(0, 0, 0, 0, 0);
        }

        var sorted = values.Select(v => (double)v).ToArray();
        Array.Sort(sorted);
        double Rank(double p) => SortedArrayStatistics.QuantileCustom(sorted, p, QuantileDefinition.Nearest);
        return new LengthStatistics(sorted.Average(), Rank(0.5), Rank(0.9), Rank(0.99), (int)sorted[^1]);
    }
}

/// <summary>What a trace holds, before anyone simulates it: size, time span, request rate, lengths, failures, mix.</summary>
public sealed record TraceDescription(
    string Source,
    string Format,
    bool Synthetic,
    int Rows,
    double TimeSpanSeconds,
    double MeanRatePerMinute,
    int PeakRatePerMinute,
    LengthStatistics RequestTokens,
    LengthStatistics ResponseTokens,
    int FailedRows,
    IReadOnlyList<KeyValuePair<string, int>> Models,
    IReadOnlyList<KeyValuePair<string, int>> LogTypes,
    int OutOfOrderRows
)
{
    public static TraceDescription Of(Trace trace)
    {
        var t = trace.Timestamps;
        double min = t.Min(),
            max = t.Max();
        var perMinute = new Dictionary<long, int>();
        int outOfOrder = 0;
        for (int i = 0; i < t.Length; i++)
        {
            long minute = (long)Math.Floor((t[i] - min) / 60.0);
            perMinute[minute] = perMinute.GetValueOrDefault(minute) + 1;
            outOfOrder += i > 0 && t[i] < t[i - 1] ? 1 : 0;
        }

        double span = max - min;
        return new TraceDescription(
            trace.Source,
            trace.Format,
            trace.IsSynthetic,
            trace.Count,
            span,
            span > 0 ? trace.Count / (span / 60.0) : trace.Count,
            perMinute.Values.Max(),
            LengthStatistics.Of(trace.RequestTokens),
            LengthStatistics.Of(trace.ResponseTokens),
            trace.ResponseTokens.Count(r => r == 0),
            Mix(trace.Models),
            Mix(trace.LogTypes),
            outOfOrder
        );
    }

    public double MeanRatePerSecond => MeanRatePerMinute / 60.0;

    /// <summary>(statistic, formatted value) pairs in display order.</summary>
    public IEnumerable<(string Name, string Value)> Entries()
    {
        string F(double v) => v.ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture);
        yield return ("source", Synthetic ? $"synthetic: {Source}" : Source);
        yield return ("format", Format);
        yield return ("rows", F(Rows));
        yield return ("time span", $"{F(TimeSpanSeconds)} s ({F(TimeSpanSeconds / 86400)} days)");
        yield return ("mean request rate", $"{F(MeanRatePerMinute)} per minute ({MeanRatePerSecond:0.####} req/s)");
        yield return ("peak request rate", $"{F(PeakRatePerMinute)} per minute");
        foreach (var (name, s) in new[] { ("request tokens", RequestTokens), ("response tokens", ResponseTokens) })
        {
            yield return ($"{name} mean / median / p90 / p99 / max", $"{F(s.Mean)} / {F(s.Median)} / {F(s.P90)} / {F(s.P99)} / {F(s.Max)}");
        }

        yield return ("failed rows (0 response tokens)", $"{F(FailedRows)} ({(Rows > 0 ? 100.0 * FailedRows / Rows : 0):0.#} %)");
        if (Models.Count > 0)
        {
            yield return ("models", string.Join(", ", Models.Select(m => $"{m.Key} {F(m.Value)}")));
        }

        if (LogTypes.Count > 0)
        {
            yield return ("log types", string.Join(", ", LogTypes.Select(m => $"{m.Key} {F(m.Value)}")));
        }

        if (OutOfOrderRows > 0)
        {
            yield return ("rows out of time order", F(OutOfOrderRows));
        }
    }

    /// <summary>The description as one JSON object with snake_case keys (<c>mbsim data describe --json</c>).</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("source", Source);
            json.WriteString("format", Format);
            json.WriteBoolean("synthetic", Synthetic);
            json.WriteNumber("rows", Rows);
            json.WriteNumber("time_span_seconds", TimeSpanSeconds);
            json.WriteNumber("mean_rate_per_minute", MeanRatePerMinute);
            json.WriteNumber("peak_rate_per_minute", PeakRatePerMinute);
            foreach (var (name, stats) in new[] { ("request_tokens", RequestTokens), ("response_tokens", ResponseTokens) })
            {
                json.WriteStartObject(name);
                json.WriteNumber("mean", stats.Mean);
                json.WriteNumber("median", stats.Median);
                json.WriteNumber("p90", stats.P90);
                json.WriteNumber("p99", stats.P99);
                json.WriteNumber("max", stats.Max);
                json.WriteEndObject();
            }

            json.WriteNumber("failed_rows", FailedRows);
            foreach (var (name, mix) in new[] { ("models", Models), ("log_types", LogTypes) })
            {
                json.WriteStartObject(name);
                foreach (var pair in mix)
                {
                    json.WriteNumber(pair.Key, pair.Value);
                }

                json.WriteEndObject();
            }

            json.WriteNumber("out_of_order_rows", OutOfOrderRows);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static IReadOnlyList<KeyValuePair<string, int>> Mix(string[]? values) =>
        values is null
            ? []
            : values
                .GroupBy(v => v)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new KeyValuePair<string, int>(g.Key, g.Count()))
                .ToArray();
}
