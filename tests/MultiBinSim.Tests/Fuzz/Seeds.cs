using System.Text;

namespace MultiBinSim.Tests.Fuzz;

/// <summary>Small genuine inputs to mutate: slices of the shared traces (skipping the test when they are absent).</summary>
internal static class Seeds
{
    /// <summary>
    /// <paramref name="slices"/> slices of <paramref name="rows"/> consecutive data rows each, spread over the shared
    /// trace <paramref name="fileName"/>, each under the file's header line when <paramref name="hasHeader"/>.
    /// Line endings and the absence of a final newline are kept as in the file.
    /// </summary>
    public static IReadOnlyList<byte[]> TraceSlices(string fileName, bool hasHeader, int slices = 4, int rows = 20)
    {
        string path = SharedData.RequireFile(Path.Combine("data", "traces", fileName));
        var lines = File.ReadAllText(path).Split('\n');
        string header = hasHeader ? lines[0] + "\n" : "";
        int firstRow = hasHeader ? 1 : 0;
        int available = lines.Length - firstRow - rows;
        var result = new List<byte[]>();
        for (int s = 0; s < slices; s++)
        {
            int start = firstRow + (int)((long)available * s / slices);
            string body = string.Join('\n', lines[start..(start + rows)]);
            result.Add(Encoding.UTF8.GetBytes(header + body + (s % 2 == 0 ? "\n" : ""))); // with and without a final newline
        }

        return result;
    }
}
