using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using MultiBinSim.Storage;

namespace MultiBinSim.Tests.Storage;

/// <summary>
/// Damaged result files (issue 14, result stores): a seeded, deterministic mutator over a genuine journal (the
/// previous release's fixture) and a Parquet part written by the store. Every case is either read whole or rejected
/// with <see cref="ResultStoreException"/> whose message is one line naming the file (and its line for CSV); the file is never modified; no
/// other exception type and no hang.
/// </summary>
public class StoreFuzzTests
{
    private const int Cases = 1_000;
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(1); // only a hang reaches this; a case takes milliseconds

    [Fact]
    public async Task Every_mutated_journal_is_read_whole_or_rejected_naming_file_and_line()
    {
        using var tmp = new TempFiles();
        byte[] original = File.ReadAllBytes(Path.Combine(ReleaseFixture.Folder, ResultStore.CsvName));
        int rejected = 0;
        for (int i = 0; i < Cases; i++)
        {
            var random = new Random(1_000 + i);
            byte[] bytes = MutateCsv(original, random);
            string folder = Path.Combine(tmp.Folder, $"case{i}");
            Directory.CreateDirectory(folder);
            string path = Path.Combine(folder, ResultStore.CsvName);
            File.WriteAllBytes(path, bytes);
            try
            {
                var rows = await Task.Run(() => ResultCsv.ReadAll(path)).WaitAsync(HangGuard);
                Assert.Equal(RecordCount(bytes), rows.Count); // read whole: every record became a row
            }
            catch (ResultStoreException e)
            {
                rejected++;
                Assert.Matches("^" + Regex.Escape(path) + @":\d+", e.Message);
                Assert.True(e.Message.AsSpan().IndexOfAny('\n', '\r') < 0, $"case {i}: the message is not one line: {e.Message}");
            }

            Assert.Equal(bytes, File.ReadAllBytes(path));
            if (i % 25 == 0)
            {
                await AssertStoreOpensOrRejectsAsync(folder, path, bytes);
            }
        }

        Assert.InRange(rejected, Cases / 10, Cases); // the mutator really damages files
    }

    [Fact]
    public async Task Every_mutated_parquet_part_is_read_whole_or_rejected_naming_the_file()
    {
        using var tmp = new TempFiles();
        var rows = Enumerable.Range(0, 4).Select(SyntheticRows.Make).ToList();
        string source = Path.Combine(tmp.Folder, "source.parquet");
        await ResultParquet.WriteFileAsync(rows, ResultSchema.Names, source);
        byte[] original = File.ReadAllBytes(source);
        int rejected = 0;
        for (int i = 0; i < Cases; i++)
        {
            var random = new Random(5_000 + i);
            byte[] bytes = MutateBinary(original, random);
            string path = Path.Combine(tmp.Folder, $"case{i}.parquet");
            File.WriteAllBytes(path, bytes);
            try
            {
                var (table, _) = await Task.Run(() => ResultParquet.ReadFileAsync(path)).WaitAsync(HangGuard);
                Assert.True(rows.Count == table.Rows.Count, $"case {i}: read {table.Rows.Count} of {rows.Count} rows without an error"); // read whole
            }
            catch (ResultStoreException e)
            {
                rejected++;
                Assert.StartsWith(path + ":", e.Message, StringComparison.Ordinal);
                Assert.True(e.Message.AsSpan().IndexOfAny('\n', '\r') < 0, $"case {i}: the message is not one line: {e.Message}");
            }

            Assert.Equal(bytes, File.ReadAllBytes(path));
            File.Delete(path);
        }

        Assert.InRange(rejected, Cases / 2, Cases);
    }

    [Fact]
    public async Task A_damaged_part_in_a_store_makes_opening_fail_naming_it_and_leaves_it_untouched()
    {
        using var tmp = new TempFiles();
        await using (var store = await ResultStore.OpenAsync(tmp.Folder))
        {
            await store.AppendAsync(SyntheticRows.Make(0));
        }

        string part = new ResultDataset(Path.Combine(tmp.Folder, ResultStore.ParquetName)).Parts().Single();
        byte[] original = File.ReadAllBytes(part);
        for (int i = 0; i < 50; i++)
        {
            byte[] bytes = original[..^(1 + i)]; // truncated: the footer is gone
            File.WriteAllBytes(part, bytes);
            var e = await Assert.ThrowsAsync<ResultStoreException>(() => ResultStore.OpenAsync(tmp.Folder));
            Assert.Contains(part, e.Message);
            Assert.Equal(bytes, File.ReadAllBytes(part));
        }
    }

    private static async Task AssertStoreOpensOrRejectsAsync(string folder, string path, byte[] bytes)
    {
        try
        {
            await using var store = await ResultStore.OpenAsync(folder);
        }
        catch (ResultStoreException e)
        {
            Assert.Contains(path, e.Message);
            Assert.Equal(bytes, File.ReadAllBytes(path));
        }
    }

    /// <summary>Records a plain CSV parser sees after the header (-1 when it cannot parse the text at all).</summary>
    private static int RecordCount(byte[] bytes)
    {
        try
        {
            using var reader = new StreamReader(new MemoryStream(bytes));
            using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null });
            int n = -1;
            while (csv.Read())
            {
                n++;
            }

            return Math.Max(n, 0);
        }
        catch (CsvHelperException)
        {
            return -1;
        }
    }

    private static byte[] MutateCsv(byte[] original, Random random)
    {
        var lines = Encoding.UTF8.GetString(original).Split('\n').ToList();
        int mutations = 1 + random.Next(3);
        for (int m = 0; m < mutations; m++)
        {
            int line = random.Next(lines.Count);
            var fields = lines[line].Split(',').ToList();
            int field = random.Next(fields.Count);
            switch (random.Next(12))
            {
                case 0: // stray quote
                    lines[line] = lines[line].Insert(random.Next(lines[line].Length + 1), "\"");
                    break;
                case 1: // deleted line
                    lines.RemoveAt(line);
                    break;
                case 2: // duplicated line
                    lines.Insert(line, lines[line]);
                    break;
                case 3: // swapped fields
                    int other = random.Next(fields.Count);
                    (fields[field], fields[other]) = (fields[other], fields[field]);
                    lines[line] = string.Join(',', fields);
                    break;
                case 4: // huge number
                    fields[field] = "9" + new string('9', random.Next(10, 400));
                    lines[line] = string.Join(',', fields);
                    break;
                case 5: // NUL byte
                    lines[line] = lines[line].Insert(random.Next(lines[line].Length + 1), "\0");
                    break;
                case 6: // field removed
                    fields.RemoveAt(field);
                    lines[line] = string.Join(',', fields);
                    break;
                case 7: // field added
                    fields.Insert(field, "x");
                    lines[line] = string.Join(',', fields);
                    break;
                case 8: // field emptied
                    fields[field] = "";
                    lines[line] = string.Join(',', fields);
                    break;
                case 9: // letters in a field
                    fields[field] += "abc";
                    lines[line] = string.Join(',', fields);
                    break;
                case 10: // truncated file
                    string text = string.Join('\n', lines);
                    lines = text[..random.Next(text.Length + 1)].Split('\n').ToList();
                    break;
                default: // a random character replaced
                    if (lines[line].Length > 0)
                    {
                        int at = random.Next(lines[line].Length);
                        lines[line] = lines[line][..at] + (char)random.Next(32, 127) + lines[line][(at + 1)..];
                    }

                    break;
            }

            if (lines.Count == 0)
            {
                lines.Add("");
            }
        }

        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private static byte[] MutateBinary(byte[] original, Random random)
    {
        var bytes = original.ToList();
        int mutations = 1 + random.Next(4);
        for (int m = 0; m < mutations && bytes.Count > 0; m++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0: // bit flip
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1: // random byte
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2: // truncated
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 3: // a run of random bytes
                    for (int k = at; k < Math.Min(bytes.Count, at + 1 + random.Next(16)); k++)
                    {
                        bytes[k] = (byte)random.Next(256);
                    }

                    break;
                case 4: // bytes inserted
                    bytes.InsertRange(at, Enumerable.Range(0, 1 + random.Next(8)).Select(_ => (byte)random.Next(256)));
                    break;
                default: // a byte in the footer (metadata) region
                    int footer = Math.Max(0, bytes.Count - 1 - random.Next(Math.Min(bytes.Count, 600)));
                    bytes[footer] ^= (byte)(1 + random.Next(255));
                    break;
            }
        }

        return bytes.ToArray();
    }

    [Fact]
    public void A_two_gigabyte_journal_line_is_rejected_after_reading_a_few_mebibytes()
    {
        var stream = new Fuzz.GeneratedStream(
            System.Text.Encoding.UTF8.GetBytes(string.Join(",", ResultSchema.Names) + "\n"),
            "x"u8.ToArray(),
            Fuzz.HugeInput.TwoGigabytes
        );
        var e = Fuzz.HugeInput.Rejects<ResultStoreException>(
            stream,
            s => ResultCsv.Read(new StreamReader(s), "all_results.csv"),
            maxConsumed: 4 << 20,
            maxAllocated: 64 << 20
        );
        Assert.StartsWith("all_results.csv:2:", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
