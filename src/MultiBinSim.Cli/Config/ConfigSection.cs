namespace MultiBinSim.Cli;

/// <summary>
/// One concern of the command line: a section of a configuration file (<c>[workload]</c>) and a heading of the grouped
/// help. Each option names its section where it is declared (<see cref="OptionSections.In"/>); the configuration files
/// (<see cref="ConfigBinding"/>), <c>--print-config</c> (<see cref="ResolvedConfig"/>) and the help
/// (<see cref="GroupedHelpAction"/>) all read that one declaration.
/// </summary>
/// <param name="Name">The section's name in a configuration file.</param>
/// <param name="Heading">The help heading (which engine the options belong to, when only one).</param>
internal sealed record ConfigSection(string Name, string Heading)
{
    public static ConfigSection Workload { get; } = new("workload", "Workload");

    public static ConfigSection Engine { get; } = new("engine", "Engine");

    public static ConfigSection Scheduler { get; } = new("scheduler", "Batch engine: scheduler");

    public static ConfigSection Bins { get; } = new("bins", "Bins (batch engine; continuous engine with --admission multi-bin)");

    public static ConfigSection Memory { get; } = new("memory", "Memory model (batch engine; continuous engine's KV cache when nothing else sizes it)");

    public static ConfigSection Policy { get; } = new("policy", "Continuous engine: policy");

    public static ConfigSection Batching { get; } = new("batching", "Continuous engine: batching");

    public static ConfigSection Routing { get; } = new("routing", "Continuous engine: routing and admission");

    public static ConfigSection Disaggregation { get; } = new("disaggregation", "Continuous engine: disaggregation");

    public static ConfigSection Slos { get; } = new("slos", "SLOs");

    public static ConfigSection Suite { get; } = new("suite", "Suite");

    public static ConfigSection Search { get; } = new("search", "Capacity search");

    public static ConfigSection Output { get; } = new("output", "Output");

    public static ConfigSection Execution { get; } = new("execution", "Execution");

    /// <summary>Every section, in the order of the help and of <c>--print-config</c>.</summary>
    public static IReadOnlyList<ConfigSection> All { get; } =
    [Workload, Engine, Scheduler, Bins, Memory, Policy, Batching, Routing, Disaggregation, Slos, Suite, Search, Output, Execution];
}
