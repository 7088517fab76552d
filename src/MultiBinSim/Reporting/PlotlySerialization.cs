using Plotly.NET;

namespace MultiBinSim.Reporting;

/// <summary>
/// Makes Plotly.NET's chart serialization linear instead of quadratic, without changing a byte of its output.
/// <para>
/// Plotly.NET writes charts with Newtonsoft.Json and its shared settings (<c>Globals.JSON_CONFIG</c>). Before writing
/// an object, Newtonsoft.Json checks for a reference loop by comparing the object with every object above it with
/// <c>Equals</c>; Plotly.NET's <c>DynamicObj</c> overrides <c>Equals</c> with a deep structural hash, so every chart
/// (with its template of some hundred nested objects) hashed its subtrees again at every level: about 260 ms per chart,
/// most of a suite's chart time. The loop handling is <c>Serialize</c> (a found loop changes nothing), so comparing by
/// reference writes exactly the same JSON; a test compares the two.
/// </para>
/// </summary>
public static class PlotlySerialization
{
    /// <summary>Sets Plotly.NET's serializer to compare by reference in its loop check (idempotent, thread-safe).</summary>
    public static void Configure()
    {
        var settings = Globals.JSON_CONFIG;
        if (settings.EqualityComparer is null)
        {
            settings.EqualityComparer = System.Collections.Generic.ReferenceEqualityComparer.Instance;
        }
    }
}
