using Microsoft.DotNet.Interactive.Documents;

namespace MultiBinSim.Notebooks;

/// <summary>How one cell went: its position (1-based, counting every cell), what it starts with, how long it took, and any error.</summary>
public sealed record CellOutcome(int Number, int Total, string SourceHead, TimeSpan Elapsed, bool Executed, string? Error)
{
    public bool Failed => Error is not null;

    public static string Head(InteractiveDocumentElement cell)
    {
        string first = cell.Contents.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "(empty)";
        return first.Length > 70 ? first[..70] + "..." : first;
    }
}
