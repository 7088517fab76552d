using System.Globalization;
using System.Text;

namespace MultiBinSim.Workloads;

/// <summary>Writes a trace in BurstGPT's CSV format (e.g. the synthetic trace, for other tools or for fixtures).</summary>
public static class BurstGptWriter
{
    public static void Write(Trace trace, string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        writer.WriteLine(BurstGptRelease.Header);
        var line = new StringBuilder(64);
        for (int i = 0; i < trace.Count; i++)
        {
            line.Clear();
            line.Append(trace.Timestamps[i].ToString("R", CultureInfo.InvariantCulture))
                .Append(',')
                .Append(trace.Models?[i] ?? "ChatGPT")
                .Append(',')
                .Append(trace.RequestTokens[i])
                .Append(',')
                .Append(trace.ResponseTokens[i])
                .Append(',')
                .Append((long)trace.RequestTokens[i] + trace.ResponseTokens[i])
                .Append(',')
                .Append(trace.LogTypes?[i] ?? "Conversation log");
            writer.WriteLine(line);
        }
    }
}
