using MultiBinSim.Errors;
using MultiBinSim.Latency.StepTime;

namespace MultiBinSim.Tests.Latency;

public class StepTimeCsvTests
{
    private const string Header = "sequences,prefill_tokens,decode_context_tokens,seconds";
    private const string Rows = "1,512,0,0.15\n4,0,2000,0.04\n8,0,8000,0.05\n16,128,16000,0.09\n";

    private static InputFileException Fails(string content)
    {
        using var files = new TempFiles();
        string path = files.Write("steps.csv", content);
        var e = Assert.Throws<InputFileException>(() => StepTimeModels.Parse($"fit:{path}"));
        Assert.Equal(path, e.Path);
        Assert.StartsWith(path, e.Message);
        return e;
    }

    [Theory]
    [InlineData("", 1, null, "empty")]
    [InlineData("\n\n", 1, null, "empty")]
    [InlineData("1,512,0,0.15\n4,0,2000,0.04\n", 1, null, "header is missing")]
    [InlineData("sequences,prefill_tokens,decode_context_tokens,seconds,extra\n", 1, "extra", "unknown column")]
    [InlineData("sequences,prefill,decode_context_tokens,seconds\n", 1, "prefill", "unknown column")]
    [InlineData("sequences,,decode_context_tokens,seconds\n", 1, "#2", "unknown column")]
    [InlineData("sequences,seconds,prefill_tokens,decode_context_tokens,seconds\n", 1, "seconds", "duplicate column")]
    [InlineData("sequences,prefill_tokens,decode_context_tokens\n", 1, "seconds", "required column is missing")]
    [InlineData("\"sequences\",prefill_tokens,decode_context_tokens,seconds\n", 1, null, "quoted")]
    public void Header_problems_name_line_one(string content, long line, string? column, string problem)
    {
        var e = Fails(content);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Contains(problem, e.Problem);
    }

    [Theory]
    [InlineData("1,512,0\n", 2, null, "3 fields, but the header has 4")]
    [InlineData("1,512,0,0.1,9\n", 2, null, "5 fields, but the header has 4")]
    [InlineData("1,abc,0,0.1\n", 2, "prefill_tokens", "'abc' is not a number")]
    [InlineData("1,512,0,fast\n", 2, "seconds", "'fast' is not a number")]
    [InlineData("1,512,-5,0.1\n", 2, "decode_context_tokens", "negative")]
    [InlineData("1,512,0,-0.1\n", 2, "seconds", "negative")]
    [InlineData("1,512,0,0\n", 2, "seconds", "greater than 0")]
    [InlineData("1,512,0,NaN\n", 2, "seconds", "not a finite number")]
    [InlineData("1,512,0,Infinity\n", 2, "seconds", "not a finite number")]
    [InlineData("1,-Infinity,0,0.1\n", 2, "prefill_tokens", "not a finite number")]
    [InlineData("1.5,512,0,0.1\n", 2, "sequences", "not a whole number")]
    [InlineData("0,512,0,0.1\n", 2, "sequences", "below the minimum of 1")]
    [InlineData("1,,0,0.1\n", 2, "prefill_tokens", "empty value")]
    [InlineData("1,512,0,\"0.1\"\n", 2, "seconds", "quoted")]
    [InlineData("1,512,1e300,0.1\n", 2, "decode_context_tokens", "too large")]
    public void First_row_problems_name_line_two_and_the_column(string row, long line, string? column, string problem)
    {
        var e = Fails(Header + "\n" + row + Rows);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Contains(problem, e.Problem);
    }

    [Fact]
    public void Line_numbers_count_blank_lines_and_crlf()
    {
        var e = Fails(Header + "\r\n" + "1,512,0,0.15\r\n\r\n   \r\n" + "2,x,0,0.1\r\n");
        Assert.Equal(5, e.Line);
        Assert.Equal("prefill_tokens", e.Column);
    }

    [Fact]
    public void Columns_are_found_by_name_in_any_order()
    {
        // seconds first: the bad value is in the file's first field but the message names its column.
        var e = Fails("seconds,sequences,prefill_tokens,decode_context_tokens\n0.1,1,512,0\n-1,2,0,10\n");
        Assert.Equal(3, e.Line);
        Assert.Equal("seconds", e.Column);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1,512,0,0.15\n4,0,2000,0.04\n8,0,8000,0.05\n")]
    public void Too_few_rows_is_an_input_error(string rows)
    {
        var e = Fails(Header + "\n" + rows);
        Assert.Contains("too few rows", e.Problem);
        Assert.Null(e.Column);
        Assert.NotNull(e.Line);
    }

    [Fact]
    public void An_overlong_line_is_refused_without_reading_it_whole()
    {
        string huge = new('9', StepTimeCsv.MaxLineChars + 10);
        var e = Fails(Header + "\n1,512,0,0.15\n" + huge + "\n" + Rows);
        Assert.Equal(3, e.Line);
        Assert.Contains("longer than 1,048,576 characters", e.Problem);
        Assert.Equal(1 << 20, StepTimeCsv.MaxLineChars);

        // The same with no newline at all (one endless header line).
        Assert.Equal(1, Fails(new string('a', StepTimeCsv.MaxLineChars + 1)).Line);
    }

    [Fact]
    public void A_line_at_the_cap_is_accepted()
    {
        // Padding with spaces up to exactly the cap: fields are trimmed, so the row is valid.
        string row = "1,512,0,0.15";
        string padded = row + new string(' ', StepTimeCsv.MaxLineChars - row.Length);
        var samples = StepTimeCsv.Read(new StringReader(Header + "\n" + padded + "\n" + Rows), "mem.csv");
        Assert.Equal(5, samples.Count);
        Assert.Equal(new StepTimeSample(1, 512, 0, 0.15), samples[0]);
    }

    [Fact]
    public void A_valid_file_with_crlf_blank_lines_case_and_no_final_newline_reads()
    {
        var samples = StepTimeCsv.Read(
            new StringReader(
                "\uFEFFSequences, PREFILL_TOKENS ,decode_context_tokens,Seconds\r\n1,512,0,0.15\r\n\r\n4,0,2000,4e-2\r\n8,0,8000,0.05\n16,128,16000,0.09"
            ),
            "ok.csv"
        );
        Assert.Equal(
            [
                new StepTimeSample(1, 512, 0, 0.15),
                new StepTimeSample(4, 0, 2000, 0.04),
                new StepTimeSample(8, 0, 8000, 0.05),
                new StepTimeSample(16, 128, 16000, 0.09),
            ],
            samples
        );
    }

    [Fact]
    public void Missing_file_and_relative_paths()
    {
        using var files = new TempFiles();
        var missing = Assert.Throws<InputFileException>(() => StepTimeModels.Parse("fit:nope.csv", files.Folder));
        Assert.Equal(Path.Combine(files.Folder, "nope.csv"), missing.Path);
        Assert.Contains("not found", missing.Problem);

        Directory.CreateDirectory(Path.Combine(files.Folder, "sub"));
        files.Write(Path.Combine("sub", "steps.csv"), Header + "\n" + Rows);
        var spec = StepTimeModels.Parse("fit:sub/steps.csv", files.Folder);
        Assert.Equal(4, spec.Fit!.Rows);
        Assert.Equal(Path.Combine(files.Folder, "sub/steps.csv"), spec.Fit.Source);

        var empty = Assert.Single(Assert.Throws<ConfigurationException>(() => StepTimeModels.Parse("fit:")).Errors);
        Assert.Equal("Continuous.StepModel", empty.Property);
    }
}
