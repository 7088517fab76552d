using System.Globalization;
using System.Reflection;
using MultiBinSim.Workloads;

namespace MultiBinSim.Latency;

/// <summary>Reads calibration grids (<c>batch_size,max_seq_len,mean_latency_sec</c>).</summary>
public static class CalibrationGrid
{
    public const string DefaultResourceName = "MultiBinSim.calibration.default.csv";
    public const string DefaultLabel = "default (Qwen3-1.7B / RTX 4080 grid)";

    private static readonly string[] Columns = ["batch_size", "max_seq_len", "mean_latency_sec"];

    /// <summary>The grid shipped in data/calibration/qwen3-1.7b-rtx4080.csv (embedded in the library).</summary>
    public static IReadOnlyList<CalibrationPoint> LoadDefault()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {DefaultResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Read(reader, DefaultLabel);
    }

    public static IReadOnlyList<CalibrationPoint> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new TraceFormatException(path, null, null, "calibration file not found.");
        }

        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>
    /// Reads a grid from <paramref name="stream"/> (UTF-8, BOM optional; left open); <paramref name="path"/> names it in
    /// messages. Every malformed input raises <see cref="TraceFormatException"/> naming the line and column.
    /// </summary>
    public static IReadOnlyList<CalibrationPoint> Read(Stream stream, string path)
    {
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        return Read(reader, path);
    }

    public static IReadOnlyList<CalibrationPoint> Read(TextReader text, string path)
    {
        using var csv = new CsvInput(text, path, (p, l, c, problem, inner) => new TraceFormatException(p, l, c, problem, inner));
        var header = csv.ReadHeader("the calibration file is empty.");
        var index = new int[Columns.Length];
        for (int c = 0; c < Columns.Length; c++)
        {
            index[c] = Array.IndexOf(header, Columns[c]);
            if (index[c] < 0)
            {
                throw new TraceFormatException(path, 1, Columns[c], $"required column is missing (columns found: {TraceFields.ColumnList(header)}).");
            }
        }

        var points = new List<CalibrationPoint>();
        while (csv.Read())
        {
            long line = csv.Line;
            csv.RequireHeaderWidth();
            int batch = TraceFields.ParseTokens(path, line, Columns[0], csv.Field(index[0], Columns[0]));
            int length = TraceFields.ParseTokens(path, line, Columns[1], csv.Field(index[1], Columns[1]));
            string? latencyField = csv.Field(index[2], Columns[2]);
            if (
                !double.TryParse(latencyField, NumberStyles.Float, CultureInfo.InvariantCulture, out double latency)
                || !double.IsFinite(latency)
                || latency <= 0
            )
            {
                throw new TraceFormatException(path, line, Columns[2], $"'{TraceFields.Shorten(latencyField)}' is not a positive number of seconds.");
            }

            if (batch < 1)
            {
                throw new TraceFormatException(path, line, Columns[0], "batch size must be at least 1.");
            }

            points.Add(new CalibrationPoint(batch, length, latency));
        }

        if (points.Count < 3)
        {
            throw new TraceFormatException(path, null, null, $"a calibration grid needs at least 3 rows to fit 3 parameters (found {points.Count}).");
        }

        return points;
    }
}
