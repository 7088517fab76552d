using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Workloads;

public class BurstGptReaderTests
{
    private const string Header = "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n";

    [Fact]
    public void Reads_required_columns_and_takes_the_first_n_rows()
    {
        using var tmp = new TempFiles();
        string path = tmp.Write(
            "t.csv",
            Header + "5,ChatGPT,472,18,490,Conversation log\n45,ChatGPT,1087,230,1317,Conversation log\n118,GPT-4,417,276,693,Conversation log\n"
        );
        var trace = BurstGptReader.Read(path, maxRows: 2);
        Assert.Equal(2, trace.Count);
        Assert.Equal([5.0, 45.0], trace.Timestamps);
        Assert.Equal([472, 1087], trace.RequestTokens);
        Assert.Equal([18, 230], trace.ResponseTokens);
        Assert.Null(trace.PredictedTokens);
    }

    [Fact]
    public void Quoted_files_fall_back_to_the_full_csv_parser_with_the_same_result()
    {
        using var tmp = new TempFiles();
        string plain = tmp.Write("plain.csv", Header + "5,ChatGPT,472,18,490,Conversation log\r\n45,GPT-4,1087,230,1317,API log\n");
        string quoted = tmp.Write("quoted.csv", Header + "5,\"ChatGPT\",472,18,490,Conversation log\n45,\"GPT-4\",1087,230,1317,\"API log\"\n");
        var a = BurstGptReader.Read(plain);
        var b = BurstGptReader.Read(quoted);
        Assert.Equal(a.Timestamps, b.Timestamps);
        Assert.Equal(a.RequestTokens, b.RequestTokens);
        Assert.Equal(a.Models!, b.Models!);
        Assert.Equal(["Conversation log", "API log"], a.LogTypes!);
        var repeated = BurstGptReader.Read(tmp.Write("r.csv", Header + "1,ChatGPT,1,1,2,Conversation log\n2,ChatGPT,1,1,2,Conversation log\n"));
        Assert.Same(repeated.Models![0], repeated.Models[1]); // one string per distinct model, not per row
        var malformed = Assert.Throws<TraceFormatException>(() =>
            BurstGptReader.Read(tmp.Write("m.csv", Header + "5,\"ChatGPT,472,18,490,Conversation log\n"))
        );
        Assert.Contains("m.csv", malformed.Message);
    }

    [Fact]
    public void Accepts_decimal_timestamps_a_minimal_header_and_a_predicted_column()
    {
        using var tmp = new TempFiles();
        string path = tmp.Write("t.csv", "Request tokens,Timestamp,Response tokens,Predicted tokens\n10,0.25,3,7\n20,1.5,4,9\n");
        var trace = BurstGptReader.Read(path);
        Assert.Equal([0.25, 1.5], trace.Timestamps);
        Assert.Equal([7, 9], trace.PredictedTokens!);
    }

    [Theory]
    [InlineData("5,ChatGPT,abc,18,490,Conversation log\n", 2, "Request tokens", "not an integer")]
    [InlineData("5,ChatGPT,472,-3,490,Conversation log\n", 2, "Response tokens", "negative")]
    [InlineData("5,ChatGPT,99999999999,18,490,Conversation log\n", 2, "Request tokens", "too large")]
    [InlineData("x,ChatGPT,472,18,490,Conversation log\n", 2, "Timestamp", "not a number")]
    [InlineData("5,ChatGPT,472,18,490,Conversation log\n6,ChatGPT,47.5,18,490,Conversation log\n", 3, "Request tokens", "whole number")]
    [InlineData("5,ChatGPT,472,18,490,Conversation log\n6,ChatGPT,,18,490,Conversation log\n", 3, "Request tokens", "empty")]
    public void Bad_values_name_file_line_and_column(string rows, int line, string column, string problem)
    {
        using var tmp = new TempFiles();
        string path = tmp.Write("bad.csv", Header + rows);
        var e = Assert.Throws<TraceFormatException>(() => BurstGptReader.Read(path));
        Assert.Equal(path, e.Path);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Contains($"{path}:{line}", e.Message);
        Assert.Contains(column, e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Malformed_row_names_the_line()
    {
        using var tmp = new TempFiles();
        string path = tmp.Write("bad.csv", Header + "5,ChatGPT,472,18,490,Conversation log\n6,ChatGPT,472\n");
        var e = Assert.Throws<TraceFormatException>(() => BurstGptReader.Read(path));
        Assert.Equal(3, e.Line);
        Assert.Contains("malformed row", e.Message);
    }

    [Fact]
    public void Missing_required_column_lists_the_columns_found()
    {
        using var tmp = new TempFiles();
        string path = tmp.Write("bad.csv", "Timestamp,Model,Request tokens,Total tokens\n5,ChatGPT,472,490\n");
        var e = Assert.Throws<TraceFormatException>(() => BurstGptReader.Read(path));
        Assert.Equal("Response tokens", e.Column);
        Assert.Contains("'Timestamp', 'Model', 'Request tokens', 'Total tokens'", e.Message);
    }

    [Fact]
    public void Empty_file_header_only_and_missing_file_are_clear_errors()
    {
        using var tmp = new TempFiles();
        var empty = Assert.Throws<TraceFormatException>(() => BurstGptReader.Read(tmp.Write("empty.csv", "")));
        Assert.Contains("empty", empty.Message);
        var headerOnly = Assert.Throws<TraceFormatException>(() => BurstGptReader.Read(tmp.Write("h.csv", Header)));
        Assert.Contains("no data rows", headerOnly.Message);
        string missing = Path.Combine(tmp.Folder, "nope.csv");
        var notFound = Assert.Throws<TraceFormatException>(() => BurstGptReader.Read(missing));
        Assert.Contains(missing, notFound.Message);
        Assert.Contains("not found", notFound.Message);
    }
}
