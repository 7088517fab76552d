using System.Text;
using Microsoft.DotNet.Interactive.Documents;
using MultiBinSim.Notebooks;
using MultiBinSim.Tests.Notebooks;

namespace MultiBinSim.Tests.Fuzz;

public class NotebookFuzzTests
{
    /// <summary>Loads the notebook and sets every declared parameter, as <c>mbsim notebook run -p</c> does.</summary>
    internal static readonly FuzzFormat<InteractiveDocument> Format = new()
    {
        Name = "notebook",
        FileName = "fuzz.ipynb",
        Read = (stream, path) =>
        {
            var document = NotebookFile.Load(stream, path);
            var values = NotebookParameters
                .Declared(document)
                .DistinctBy(p => p.Name)
                .ToDictionary(
                    p => p.Name,
                    p =>
                        p.Type switch
                        {
                            "string" => "x\"y",
                            "bool" => "true",
                            _ => "7",
                        },
                    StringComparer.Ordinal
                );
            NotebookParameters.Inject(document, values, path);
            return document;
        },
        CheckAccepted = (document, _) =>
        {
            Assert.All(document.Elements.Where(NotebookFile.IsCode), e => Assert.True(e.KernelName is NotebookFile.CSharpKernel or "value", e.KernelName));
            int parameters = document.Elements.ToList().FindIndex(e => NotebookFile.Tags(e).Contains(NotebookParameters.ParametersTag));
            if (parameters >= 0 && NotebookParameters.Declared(document).Count > 0)
            {
                Assert.Contains(NotebookParameters.InjectedTag, NotebookFile.Tags(document.Elements[parameters + 1]));
            }
        },
        IsDocumentedError = FuzzFormat<InteractiveDocument>.IsNotebookError,
    };

    /// <summary>A small notebook with a parameters cell and outputs, as the kit saves it (<see cref="NotebookFile.Save"/>).</summary>
    private static byte[] KitWritten()
    {
        using var tmp = new TempFiles();
        string source = NotebookFixtures.Write(
            tmp,
            "in.ipynb",
            NotebookFixtures.Markdown("# Fuzz\nA notebook with **parameters**."),
            NotebookFixtures.Code("int MaxRequests = 10_000;\nvar Dataset = \"synthetic\";\ndouble Rate = 1.5;\nbool Plot = true;", "parameters"),
            NotebookFixtures.Code("Console.WriteLine(MaxRequests);\nDataset")
        );
        string saved = Path.Combine(tmp.Folder, "out.ipynb");
        NotebookFile.Save(NotebookFile.Load(source), saved);
        return File.ReadAllBytes(saved);
    }

    [Fact(Timeout = 120_000)]
    public async Task Mutated_notebooks_are_read_or_rejected_with_a_notebook_exception()
    {
        await FuzzRunner.AssertKeepsAndBreaksAsync(Format, [KitWritten()], runSeed: 14, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("{\"cells\": 5}", "cells: must be an array")]
    [InlineData("{\"cells\": [{\"cell_type\": \"code\", \"source\": 3}]}", "cells[0].source: must be a string or an array of strings")]
    [InlineData("{\"cells\": [{\"cell_type\": 1, \"source\": \"\"}]}", "cells[0].cell_type: must be a string")]
    [InlineData("{\"cells\": [], \"metadata\": []}", "metadata: must be an object")]
    [InlineData("{\"cells\": [{\"cell_type\": \"code\", \"source\": \"\", \"outputs\": [1]}]}", "cells[0].outputs[0]: must be an object")]
    [InlineData("{\"cells\": []} x", "fuzz.ipynb:1: column 15: not a notebook: invalid JSON")]
    public void Wrong_types_and_trailing_garbage_name_where(string json, string message)
    {
        var e = Assert.Throws<NotebookException>(() => NotebookFile.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "fuzz.ipynb"));
        Assert.Contains(message, e.Message);
        Assert.StartsWith("fuzz.ipynb", e.Message);
    }

    [Fact]
    public void A_parameter_declared_twice_or_given_a_bad_value_names_the_notebook()
    {
        using var tmp = new TempFiles();
        string twice = NotebookFixtures.Write(tmp, "twice.ipynb", NotebookFixtures.Code("int A = 1;\nint A = 2;", "parameters"));
        var e = Assert.Throws<NotebookException>(() =>
            NotebookParameters.Inject(NotebookFile.Load(twice), new Dictionary<string, string> { ["A"] = "3" }, twice)
        );
        Assert.Contains("declares A twice", e.Message);
        string typed = NotebookFixtures.Write(tmp, "typed.ipynb", NotebookFixtures.Code("float F = 1f;\nint N = 1;", "parameters"));
        foreach (var (name, value) in new[] { ("F", "1e300"), ("N", "2147483648"), ("N", "1e400") })
        {
            var bad = Assert.Throws<NotebookException>(() =>
                NotebookParameters.Inject(NotebookFile.Load(typed), new Dictionary<string, string> { [name] = value }, typed)
            );
            Assert.StartsWith($"{typed}: parameter {name}", bad.Message);
        }
    }

    [Fact]
    public void A_value_nested_100000_deep_is_rejected_at_the_depth_limit()
    {
        var stream = new GeneratedStream("{\"cells\": "u8.ToArray(), "["u8.ToArray(), 100_010);
        var e = HugeInput.Rejects<NotebookException>(stream, s => NotebookFile.Load(s, "deep.ipynb"), maxConsumed: 1 << 20, maxAllocated: 16 << 20);
        Assert.Contains("invalid JSON", e.Message);
        Assert.Contains($"{NotebookFile.MaxDepth}", e.Message);
    }

    [Fact]
    public void A_two_gigabyte_notebook_is_rejected_at_the_size_limit()
    {
        var stream = new GeneratedStream("{\"cells\": [], \"x\": \""u8.ToArray(), "a"u8.ToArray(), HugeInput.TwoGigabytes);
        var e = HugeInput.Rejects<NotebookException>(
            stream,
            s => NotebookFile.Load(s, "big.ipynb"),
            maxConsumed: NotebookFile.MaxBytes + (1 << 16),
            maxAllocated: 3L * NotebookFile.MaxBytes
        );
        Assert.Contains("larger than 64 MiB", e.Message);
    }
}
