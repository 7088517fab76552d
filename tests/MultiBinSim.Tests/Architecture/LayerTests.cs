using System.Reflection;
using NetArchTest.Rules;

namespace MultiBinSim.Tests.Architecture;

/// <summary>
/// The library's layers (NetArchTest over the compiled assembly): the core (Errors, Workloads, Latency, Scheduling,
/// Metrics, Simulation) depends on no storage, experiment or reporting code and on no Parquet, Plotly or DataFrame
/// package; Storage depends on no experiment or reporting code; Experiments does not draw; and no two folders
/// depend on each other in a cycle.
/// </summary>
public class LayerTests
{
    private const string Root = "MultiBinSim";

    private static readonly Assembly Library = typeof(MultiBinSim.Simulation.SimulationEngines).Assembly;

    /// <summary>Layers from the bottom up; a layer may depend only on layers listed before it.</summary>
    private static readonly string[] Layers = ["Errors", "Workloads", "Scheduling", "Latency", "Metrics", "Simulation", "Storage", "Experiments", "Reporting"];

    private static readonly string[] Core = ["Errors", "Workloads", "Scheduling", "Latency", "Metrics", "Simulation"];

    public static TheoryData<string> CoreLayers() => [.. Core];

    [Theory]
    [MemberData(nameof(CoreLayers))]
    public void Core_depends_on_no_storage_charting_or_dataframe_package(string layer)
    {
        var result = Types
            .InAssembly(Library)
            .That()
            .ResideInNamespace($"{Root}.{layer}")
            .ShouldNot()
            .HaveDependencyOnAny(
                "Parquet",
                "Plotly.NET",
                "Microsoft.Data.Analysis",
                "CsvHelper.Excel",
                $"{Root}.Storage",
                $"{Root}.Experiments",
                $"{Root}.Reporting"
            )
            .GetResult();
        Assert.True(result.IsSuccessful, $"{layer} depends on storage/reporting: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Every_folder_depends_only_on_the_layers_below_it()
    {
        var violations = new List<string>();
        for (int i = 0; i < Layers.Length; i++)
        {
            var above = Layers.Skip(i + 1).Select(l => $"{Root}.{l}").ToArray();
            if (above.Length == 0)
            {
                continue;
            }

            var result = Types.InAssembly(Library).That().ResideInNamespace($"{Root}.{Layers[i]}").ShouldNot().HaveDependencyOnAny(above).GetResult();
            if (!result.IsSuccessful)
            {
                violations.Add($"{Layers[i]} -> above it: {string.Join(", ", result.FailingTypeNames ?? [])}");
            }
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void Every_type_lives_in_a_known_layer()
    {
        var stray = Types
            .InAssembly(Library)
            .GetTypes()
            .Where(t =>
                t.Namespace is not null
                && !t.Namespace.StartsWith('<')
                && t.Namespace != "Microsoft.CodeAnalysis"
                && t.Namespace != "System.Runtime.CompilerServices"
            )
            .Where(t => !Layers.Any(l => t.Namespace == $"{Root}.{l}" || t.Namespace!.StartsWith($"{Root}.{l}.", StringComparison.Ordinal)))
            .Select(t => t.FullName)
            .ToArray();
        Assert.True(stray.Length == 0, "types outside the layers: " + string.Join(", ", stray));
    }

    [Fact]
    public void No_two_folders_depend_on_each_other_in_a_cycle()
    {
        var graph = Layers.ToDictionary(l => l, l => Layers.Where(other => other != l && DependsOn(l, other)).ToArray());
        var cycle = FindCycle(graph);
        Assert.True(cycle is null, "dependency cycle: " + (cycle is null ? "" : string.Join(" -> ", cycle)));
    }

    private static bool DependsOn(string layer, string other) =>
        Types.InAssembly(Library).That().ResideInNamespace($"{Root}.{layer}").And().HaveDependencyOn($"{Root}.{other}").GetTypes().Any();

    private static List<string>? FindCycle(Dictionary<string, string[]> graph)
    {
        var state = graph.Keys.ToDictionary(k => k, _ => 0); // 0 new, 1 on stack, 2 done
        var stack = new List<string>();
        List<string>? Visit(string node)
        {
            state[node] = 1;
            stack.Add(node);
            foreach (var next in graph[node])
            {
                if (state[next] == 1)
                {
                    return [.. stack.SkipWhile(n => n != next), next];
                }

                if (state[next] == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[node] = 2;
            return null;
        }

        return graph.Keys.Select(k => state[k] == 0 ? Visit(k) : null).FirstOrDefault(c => c is not null);
    }
}
