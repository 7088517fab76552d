using System.Globalization;
using System.Text;
using System.Text.Json;
using MultiBinSim.Storage;
using Spectre.Console;

namespace MultiBinSim.Cli;

/// <summary>
/// <c>--json</c> of the commands that run many simulations (suite, capacity, sweep, validate): standard output holds
/// one JSON document and nothing else; progress, notes and "wrote ..." lines go to standard error.
/// </summary>
internal static class JsonOutput
{
    /// <summary>
    /// Sends everything the command would print (<see cref="Console.Out"/> and Spectre.Console) to standard error from
    /// now on, and returns the real standard output for the JSON document.
    /// </summary>
    public static TextWriter Begin()
    {
        var stdout = Console.Out;
        Console.SetOut(Console.Error);
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return stdout;
    }

    /// <summary>Writes one indented JSON document built by <paramref name="write"/> to <paramref name="output"/>.</summary>
    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            write(json);
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        output.Flush();
    }

    /// <summary>Result rows as an array of objects keyed by column name (every column of the schema, then unknown columns as text).</summary>
    public static void WriteRows(Utf8JsonWriter json, string name, IEnumerable<ResultRow> rows)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(rows);
        json.WriteStartArray(name);
        foreach (var row in rows)
        {
            json.WriteStartObject();
            for (int i = 0; i < ResultSchema.Names.Count; i++)
            {
                WriteValue(json, ResultSchema.Names[i], row[i]);
            }

            foreach (var (column, text) in row.Extra)
            {
                WriteValue(json, column, text);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>A data frame as an array of objects keyed by column name.</summary>
    public static void WriteFrame(Utf8JsonWriter json, Microsoft.Data.Analysis.DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(frame);
        json.WriteStartArray();
        for (long i = 0; i < frame.Rows.Count; i++)
        {
            json.WriteStartObject();
            foreach (var column in frame.Columns)
            {
                WriteValue(json, column.Name, column[i]);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>One value: null, a number (non-finite numbers as null), text, a boolean, a per-bin vector or a UTC timestamp.</summary>
    public static void WriteValue(Utf8JsonWriter json, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WritePropertyName(name);
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case float f when float.IsFinite(f):
                json.WriteNumberValue(f);
                break;
            case double d when double.IsFinite(d):
                json.WriteNumberValue(d);
                break;
            case float or double:
                json.WriteNullValue();
                break;
            case DateTime t:
                json.WriteStringValue(t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
                break;
            case IReadOnlyList<long> values:
                json.WriteStartArray();
                foreach (long v in values)
                {
                    json.WriteNumberValue(v);
                }

                json.WriteEndArray();
                break;
            case IFormattable formattable:
                json.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                json.WriteStringValue(value.ToString());
                break;
        }
    }
}
