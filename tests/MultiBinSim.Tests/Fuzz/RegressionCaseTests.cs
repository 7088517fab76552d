namespace MultiBinSim.Tests.Fuzz;

/// <summary>
/// Every kept regression file (Fuzz/Regressions/FORMAT-what.ext) replayed through its format's reader and check:
/// one theory for all formats, dispatched by the file-name prefix. A new fuzzed format is one line in <see cref="Formats"/>.
/// </summary>
public class RegressionCaseTests
{
    private static readonly Dictionary<string, Action<string>> Formats = new[]
    {
        Entry(AzureFuzzTests.Format),
        Entry(BurstGptFuzzTests.Format),
        Entry(CalibrationFuzzTests.Format),
        Entry(ManifestFuzzTests.Format),
        Entry(MooncakeFuzzTests.Format),
        Entry(NotebookFuzzTests.Format),
        Entry(StepTimeFitFuzzTests.Format),
        Entry(TraceDetectionFuzzTests.Format),
    }.ToDictionary(e => e.Name, e => e.Check, StringComparer.Ordinal);

    private static (string Name, Action<string> Check) Entry<T>(FuzzFormat<T> format) => (format.Name, file => FuzzRunner.AssertFixed(format, file));

    private static string[] FileNames() =>
        Directory.EnumerateFiles(Regressions.Folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();

    public static TheoryData<string> Files() => new(FileNames());

    [Theory]
    [MemberData(nameof(Files))]
    public void Regression_cases_stay_fixed(string file)
    {
        string format = file[..file.IndexOf('-', StringComparison.Ordinal)];
        Assert.True(Formats.TryGetValue(format, out var check), $"{file}: no fuzzed format is named '{format}' (known: {string.Join(", ", Formats.Keys)})");
        check!(file);
    }

    [Fact]
    public void Every_fuzzed_format_is_registered_here()
    {
        var declared = typeof(RegressionCaseTests)
            .Assembly.GetTypes()
            .Select(t =>
                t.GetField("Format", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)
            )
            .Where(f => f is not null && f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(FuzzFormat<>))
            .Select(f => (string)f!.FieldType.GetProperty(nameof(FuzzFormat<int>.Name))!.GetValue(f.GetValue(null))!)
            .ToArray();
        Assert.Equal(8, declared.Length);
        Assert.Equal(declared.Order(StringComparer.Ordinal), Formats.Keys.Order(StringComparer.Ordinal));
    }
}
