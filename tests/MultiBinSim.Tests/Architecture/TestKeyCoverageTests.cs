using System.Reflection;
using MultiBinSim.Experiments;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Architecture;

/// <summary>
/// Test keys come from the configuration itself: changing any public property of the simulation configuration or the
/// workload options, at any depth, changes the key (so the suite can never reuse a stale row).
/// </summary>
public class TestKeyCoverageTests
{
    /// <summary>Properties that deliberately do not enter the key, with the reason.</summary>
    private static readonly Dictionary<string, string> NotKeyed = new()
    {
        ["WorkloadOptions.Requests"] = "the test's own N is keyed instead (a suite loads its largest N once)",
        ["WorkloadOptions.Dataset"] = "the dataset's SHA-256 is keyed instead, so a moved or renamed file keeps its results",
    };

    private static readonly Lazy<ExperimentContext> Context = new(() => ExperimentContext.Create(new WorkloadOptions(), 2_000, calibrationPath: null));

    [Fact]
    public void Every_public_configuration_property_changes_the_key()
    {
        var context = Context.Value;
        var test = new SuiteTest(2, SchedulerKind.MultiBinDynamic, 2_000, 2, 4);
        var config = context.ConfigFor(test, new SchedulerOptions());
        string baseline = TestKey.Compute(context, test, config);
        var checkedPaths = new List<string>();

        foreach (var (path, mutated) in Mutations(config, nameof(SimulationConfig)))
        {
            checkedPaths.Add(path);
            Assert.True(TestKey.Compute(context, test, (SimulationConfig)mutated) != baseline, $"{path} does not change the test key");
        }

        foreach (var (path, mutated) in Mutations(context.WorkloadOptions, nameof(WorkloadOptions)))
        {
            checkedPaths.Add(path);
            var other = WithWorkloadOptions(context, (WorkloadOptions)mutated);
            bool changed = TestKey.Compute(other, test, config) != baseline;
            if (NotKeyed.ContainsKey(path))
            {
                Assert.False(changed, $"{path} is documented as not keyed but changes the key");
            }
            else
            {
                Assert.True(changed, $"{path} does not change the test key");
            }
        }

        Assert.True(checkedPaths.Count >= 35, $"only {checkedPaths.Count} properties were mutated");
        Assert.Contains("SimulationConfig.Scheduler.K", checkedPaths);
        Assert.Contains("SimulationConfig.Latency.Alpha", checkedPaths);
        Assert.Contains("SimulationConfig.Scheduler.Memory.MarginGb", checkedPaths);
        Assert.Contains("WorkloadOptions.Seed", checkedPaths);
    }

    [Fact]
    public void Step_N_extra_and_dataset_change_the_key_and_equal_inputs_give_equal_keys()
    {
        var context = Context.Value;
        var test = new SuiteTest(2, SchedulerKind.MultiBinDynamic, 2_000, 2, 4);
        var config = context.ConfigFor(test, new SchedulerOptions());
        string key = TestKey.Compute(context, test, config);
        Assert.Equal(key, TestKey.Compute(context, test, context.ConfigFor(test, new SchedulerOptions())));
        Assert.NotEqual(key, TestKey.Compute(context, test with { Step = 3 }, config));
        Assert.NotEqual(key, TestKey.Compute(context, test with { Requests = 1_000 }, config));
        Assert.NotEqual(key, TestKey.Compute(context, test, config, "target=0.05"));
        Assert.Contains(CodeVersion.Semantics, TestKey.Canonical(context, test, config), StringComparison.Ordinal);
        Assert.Contains(context.DatasetSha256, TestKey.Canonical(context, test, config), StringComparison.Ordinal);
    }

    /// <summary>The same context with other workload options (only the options enter the key; the workload is reused).</summary>
    private static ExperimentContext WithWorkloadOptions(ExperimentContext context, WorkloadOptions options) => context.WithWorkloadOptions(options);

    /// <summary>For every settable leaf property under <paramref name="root"/>: its path and a copy of the root with that property changed.</summary>
    private static IEnumerable<(string Path, object Mutated)> Mutations(object root, string path)
    {
        foreach (var property in root.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            object? value = property.GetValue(root);
            string childPath = $"{path}.{property.Name}";
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsLeaf(type))
            {
                yield return (childPath, With(root, property, Other(type, value)));
            }
            else if (value is not null)
            {
                foreach (var (leafPath, mutatedChild) in Mutations(value, childPath))
                {
                    yield return (leafPath, With(root, property, mutatedChild));
                }
            }
        }
    }

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive
        || type.IsEnum
        || type == typeof(string)
        || type == typeof(double)
        || type == typeof(SchedulerKind)
        || type == typeof(BinBoundaries)
        || type == typeof(TraceFormat)
        || type == typeof(ContinuousPolicy)
        || type == typeof(ReplicaRouting)
        || type == typeof(ContinuousAdmission);

    private static object? Other(Type type, object? value) =>
        value switch
        {
            null when type == typeof(double) => 0.75,
            null when type == typeof(int) => 7,
            null when type == typeof(long) => 7L,
            null when type == typeof(string) => "x",
            null when type == typeof(bool) => true,
            null when type == typeof(BinBoundaries) => new BinBoundaries([0, 10, 20, 30]),
            null when type.IsEnum => Enum.GetValues(type).GetValue(1),
            int i => i + 1,
            long l => l + 1,
            double d => d * 2 + 1,
            bool b => !b,
            string s => s == "oracle" ? "noisy-oracle" : s + "x",
            Enum e => Enum.GetValues(type).Cast<object>().First(v => !v.Equals(e)),
            SchedulerKind k => Schedulers.All.First(s => s != k),
            TraceFormat f => TraceReaders.Formats.First(x => x != f),
            ContinuousPolicy p => ContinuousPolicies.All.First(x => x != p),
            ReplicaRouting r => ReplicaRouters.All.First(x => x != r),
            ContinuousAdmission a => AdmissionOrders.All.First(x => x != a),
            BinBoundaries b => new BinBoundaries(b.LowerBounds.Select((x, i) => i == 0 ? x : x + 1).ToArray()),
            _ => throw new InvalidOperationException($"No mutation for {type}."),
        };

    /// <summary>A copy of <paramref name="target"/> (record or record struct) with one property set.</summary>
    private static object With(object target, PropertyInfo property, object? value)
    {
        object copy = target.GetType().IsValueType ? BoxedCopy(target) : target.GetType().GetMethod("<Clone>$")!.Invoke(target, null)!;

        property.SetValue(copy, value);
        return copy;
    }

    private static object BoxedCopy(object boxedStruct)
    {
        // Unbox and rebox through a fresh array element: a distinct boxed copy.
        var array = Array.CreateInstance(boxedStruct.GetType(), 1);
        array.SetValue(boxedStruct, 0);
        return array.GetValue(0)!;
    }
}
