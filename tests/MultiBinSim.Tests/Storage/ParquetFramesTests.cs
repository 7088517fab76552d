using Microsoft.Data.Analysis;
using MultiBinSim.Reporting;
using MultiBinSim.Storage;

namespace MultiBinSim.Tests.Storage;

public class ParquetFramesTests
{
    [Fact]
    public async Task Every_column_type_round_trips_with_nulls()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("s", ["a", null, "c, with comma"]),
            new Int32DataFrameColumn("i", [1, null, -3]),
            new Int64DataFrameColumn("l", [long.MaxValue, 0, null]),
            new DoubleDataFrameColumn("d", [0.1, null, double.NaN]),
            new BooleanDataFrameColumn("b", [true, false, null])
        );
        using var stream = new MemoryStream();
        await ParquetFrames.WriteAsync(frame, stream);
        stream.Position = 0;
        var back = await ParquetFrames.ReadAsync(stream);
        Assert.Equal(frame.Columns.Select(c => (c.Name, c.DataType)), back.Columns.Select(c => (c.Name, c.DataType)));
        for (int c = 0; c < frame.Columns.Count; c++)
        {
            for (long r = 0; r < frame.Rows.Count; r++)
            {
                Assert.Equal(frame.Columns[c][r], back.Columns[c][r]);
            }
        }
    }

    [Fact]
    public async Task Appended_row_groups_read_back_as_one_table()
    {
        using var tmp = new TempFiles();
        string path = Path.Combine(tmp.Folder, "t.parquet");
        await using (var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite))
        {
            await ParquetFrames.WriteAsync(new DataFrame(new Int32DataFrameColumn("x", [1, 2])), stream);
        }

        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            await ParquetFrames.WriteAsync(new DataFrame(new Int32DataFrameColumn("x", [3])), stream, append: true);
        }

        var back = await ParquetFrames.ReadFileAsync(path);
        Assert.Equal([1, 2, 3], Enumerable.Range(0, 3).Select(i => (int)back.Columns["x"][i]));
    }
}
