using MultiBinSim.Experiments.Reproductions;

namespace MultiBinSim.Tests.Reproductions;

/// <summary>Reads a reproduction's rows by column name.</summary>
internal static class ReproductionTestHelpers
{
    public static ReproductionOptions Quick(int parallelism = 2, int? seeds = null) =>
        new()
        {
            Quick = true,
            Parallelism = parallelism,
            Seeds = seeds,
        };

    /// <summary>The rows of <paramref name="table"/> whose int column <paramref name="key"/> equals <paramref name="value"/>.</summary>
    public static IReadOnlyList<object?[]> RowsWhere(ReproductionTable table, string key, int value) => table.Where<int>(key, v => v == value).ToArray();

    public static T Get<T>(ReproductionTable table, object?[] row, string column) => (T)row[table.IndexOf(column)]!;
}
