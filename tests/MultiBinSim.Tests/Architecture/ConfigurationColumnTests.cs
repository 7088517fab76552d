using System.Reflection;
using System.Text.RegularExpressions;
using MultiBinSim.Storage;

namespace MultiBinSim.Tests.Architecture;

/// <summary>
/// The configuration-column catalogue (<see cref="ConfigurationColumns"/>) is the one place a result row's non-metric
/// columns are named: the schema takes them from it, typed reads agree with the stored values, and no column name is
/// written as a string literal in the library's row, frame or chart code or in the command line.
/// </summary>
public partial class ConfigurationColumnTests
{
    [Fact]
    public void The_schema_is_the_catalogues_leading_columns_the_metrics_and_its_trailing_columns()
    {
        var names = ResultSchema.Names;
        Assert.Equal(ConfigurationColumns.Leading.Select(c => c.Name), names.Take(ConfigurationColumns.Leading.Count));
        Assert.Equal(ConfigurationColumns.Trailing.Select(c => c.Name), names.TakeLast(ConfigurationColumns.Trailing.Count));
        Assert.All(ConfigurationColumns.Extras, c => Assert.Equal(-1, ResultSchema.TryIndexOf(c.Name)));
        Assert.All(ConfigurationColumns.Leading.Concat(ConfigurationColumns.Trailing), c =>
            Assert.Equal(c.Kind, ResultSchema.Columns[ResultSchema.IndexOf(c.Name)].Kind)
        );
    }

    [Fact]
    public void Every_column_is_listed_once_with_a_title_and_a_description()
    {
        var fields = typeof(ConfigurationColumns)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetValue(null))
            .OfType<ConfigurationColumn>()
            .ToArray();
        Assert.Equal(fields.Length, ConfigurationColumns.All.Count);
        Assert.Equal(fields.Length, ConfigurationColumns.All.Select(c => c.Name).Distinct().Count());
        Assert.All(ConfigurationColumns.All, c =>
        {
            Assert.Matches("^[a-z0-9]+(_[a-z0-9]+)*$", c.Name);
            Assert.False(string.IsNullOrWhiteSpace(c.Title));
            Assert.False(string.IsNullOrWhiteSpace(c.Description));
        });
        Assert.Empty(ConfigurationColumns.All.Select(c => c.Name).Intersect(MultiBinSim.Metrics.MetricCatalogue.All.Select(m => m.Name)));
    }

    [Fact]
    public void Typed_reads_give_the_stored_value_and_parse_extra_columns_text()
    {
        var values = new object?[ResultSchema.Columns.Count];
        values[ResultSchema.IndexOf(ConfigurationColumns.NumGpus.Name)] = 8;
        values[ResultSchema.IndexOf(ConfigurationColumns.RpsScaling.Name)] = 2.5;
        values[ResultSchema.IndexOf(ConfigurationColumns.SchedulerType.Name)] = "multi_bin_dynamic";
        var row = new ResultRow(
            values,
            new Dictionary<string, string?> { [ConfigurationColumns.PrefillReplicas.Name] = "3", [ConfigurationColumns.Engine.Name] = "continuous" }
        );

        Assert.Equal(8, ConfigurationColumns.NumGpus.Of(row));
        Assert.Equal(2.5, ConfigurationColumns.RpsScaling.Of(row));
        Assert.Null(ConfigurationColumns.KBins.Of(row));
        Assert.Equal("multi_bin_dynamic", ConfigurationColumns.SchedulerType.Of(row));
        Assert.Equal(3, ConfigurationColumns.PrefillReplicas.Of(row));
        Assert.Null(ConfigurationColumns.DecodeReplicas.Of(row)); // an extra column the row lacks
        Assert.Equal("continuous", ConfigurationColumns.Engine.Of(row));
    }

    /// <summary>
    /// Where the library and the command line read or write rows, frames and charts, no configuration column is named
    /// by a literal. JSON property names of outputs that are not result rows (a run's JSON, analysis.json's manifest),
    /// the configuration file's section names (<c>[engine]</c>) and documentation comments are outside the rule.
    /// </summary>
    [Fact]
    public void No_configuration_column_name_is_a_string_literal_outside_the_catalogue()
    {
        string root = RepositoryRoot();
        var literal = new Regex("\"(" + string.Join('|', ConfigurationColumns.All.Select(c => Regex.Escape(c.Name))) + ")\"");
        var offences = new List<string>();
        foreach (string folder in new[] { "src/MultiBinSim/Storage", "src/MultiBinSim/Experiments", "src/MultiBinSim/Reporting", "src/MultiBinSim.Cli" })
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            {
                if (
                    file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    || Path.GetFileName(file) is "ConfigurationColumns.cs" or "ConfigSection.cs"
                ) // config-file sections are not columns
                {
                    continue;
                }

                var lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                {
                    if (literal.IsMatch(lines[i]) && !OutsideTheRule().IsMatch(lines[i]))
                    {
                        offences.Add($"{Path.GetRelativePath(root, file)}:{i + 1}: {lines[i].Trim()}");
                    }
                }
            }
        }

        Assert.True(offences.Count == 0, "configuration column names as literals:\n" + string.Join('\n', offences));
    }

    [GeneratedRegex(@"^\s*///|\.Write\w*\(\s*""|GetProperty\(""|WriteNullableNumber\(json, ""|WriteSeries\(json|AddRow\(""")]
    private static partial Regex OutsideTheRule();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MultiBinSim.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (MultiBinSim.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
