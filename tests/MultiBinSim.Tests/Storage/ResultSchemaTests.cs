using MultiBinSim.Metrics;
using MultiBinSim.Storage;

namespace MultiBinSim.Tests.Storage;

public class ResultSchemaTests
{
    [Theory]
    [InlineData(typeof(int), ColumnKind.Int32)]
    [InlineData(typeof(int?), ColumnKind.Int32)]
    [InlineData(typeof(long), ColumnKind.Int64)]
    [InlineData(typeof(long?), ColumnKind.Int64)]
    [InlineData(typeof(double), ColumnKind.Double)]
    [InlineData(typeof(double?), ColumnKind.Double)]
    [InlineData(typeof(bool), ColumnKind.Boolean)]
    [InlineData(typeof(IReadOnlyList<long>), ColumnKind.Int64List)]
    [InlineData(typeof(long[]), ColumnKind.Int64List)]
    [InlineData(typeof(DateTime), ColumnKind.Timestamp)]
    public void A_metric_type_maps_to_its_column_kind(Type type, ColumnKind kind) => Assert.Equal(kind, ResultSchema.KindOf(type));

    [Fact]
    public void Every_metric_is_a_column_of_its_kind_and_names_are_unique()
    {
        foreach (var (name, type) in MetricColumns.NamesAndTypes)
        {
            Assert.Equal(ResultSchema.KindOf(type), ResultSchema.Columns[ResultSchema.IndexOf(name)].Kind);
        }

        Assert.Equal(ResultSchema.Names.Count, ResultSchema.Names.Distinct().Count());
        Assert.Equal(ColumnKind.Int64List, ResultSchema.Columns[ResultSchema.IndexOf("bin_request_counts")].Kind);
        Assert.Equal(ColumnKind.Timestamp, ResultSchema.Columns[ResultSchema.IndexOf("timestamp")].Kind);
    }

    [Fact]
    public async Task Every_kind_round_trips_through_csv_and_parquet_including_nulls()
    {
        using var tmp = new TempFiles();
        var rows = Enumerable.Range(0, 3).Select(SyntheticRows.Make).ToList();
        var empty = SyntheticRows.Make(3);
        foreach (var column in ResultSchema.Columns.Where(c => !ResultSchema.Required.Contains(c.Name)))
        {
            empty = empty.With(column.Name, null); // a failed run, or a metric an older version did not have
        }

        rows.Add(empty);
        string csv = tmp.Write("rows.csv", ResultCsv.ToText(rows, ResultSchema.Names));
        string parquet = Path.Combine(tmp.Folder, "rows.parquet");
        await ResultParquet.WriteFileAsync(rows, ResultSchema.Names, parquet);
        var fromCsv = ResultCsv.ReadAll(csv);
        var (fromParquet, _) = await ResultParquet.ReadFileAsync(parquet);
        for (int r = 0; r < rows.Count; r++)
        {
            for (int c = 0; c < ResultSchema.Columns.Count; c++)
            {
                Assert.Equal(rows[r][c], fromCsv[r][c]);
                Assert.Equal(rows[r][c], fromParquet.Rows[r][c]);
            }
        }

        Assert.Null(fromParquet.Rows[3]["avg_latency"]);
        Assert.Null(fromCsv[3]["bin_request_counts"]);
    }
}
