using System.CommandLine;
using MultiBinSim.Scheduling;

namespace MultiBinSim.Cli;

/// <summary>The algorithm-variant options shared by <c>mbsim run</c> and <c>mbsim suite</c> (the original simulator's variants by default).</summary>
internal sealed class AlgorithmOptionSet
{
    public Option<string> Memory { get; } = new("--memory-algorithm") { Description = "b_mem: heuristic (the original simulator's) or paper (Algorithm 1 of arXiv 2503.05248).", DefaultValueFactory = _ => "heuristic" };

    public Option<double> MemoryEpsilon { get; } = new("--memory-epsilon") { Description = "eps_M of the paper's memory algorithm (accepted overflow probability).", DefaultValueFactory = _ => 0.05 };

    public Option<string> Sla { get; } = new("--sla-algorithm") { Description = "b_SLA: heuristic (the original simulator's) or paper (Algorithm 2 of arXiv 2503.05248).", DefaultValueFactory = _ => "heuristic" };

    public Option<int> SlaAlpha { get; } = new("--sla-alpha") { Description = "alpha of the paper's SLA algorithm.", DefaultValueFactory = _ => 4 };

    public Option<int> SlaDelta { get; } = new("--sla-delta") { Description = "delta of the paper's SLA algorithm.", DefaultValueFactory = _ => 2 };

    public Option<string> SlaSignal { get; } = new("--sla-signal") { Description = "What the SLA controller compares with D_SLA: batch-service-time or request-latency.", DefaultValueFactory = _ => "batch-service-time" };

    public Option<double?> MaxWait { get; } = new("--max-wait") { Description = "multi_bin_paper: flush a partial bin once its oldest request has waited this many seconds (default: wait for a full batch)." };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { Memory, MemoryEpsilon, Sla, SlaAlpha, SlaDelta, SlaSignal, MaxWait })
        {
            command.Options.Add(option);
        }
    }

    public SchedulerOptions Apply(ParseResult parse, SchedulerOptions options) => options with
    {
        MemoryAlgorithm = AlgorithmNames.Parse<MemoryAlgorithm>("--memory-algorithm", parse.GetValue(Memory)!),
        MemoryEpsilon = parse.GetValue(MemoryEpsilon),
        SlaAlgorithm = AlgorithmNames.Parse<SlaAlgorithm>("--sla-algorithm", parse.GetValue(Sla)!),
        SlaAlpha = parse.GetValue(SlaAlpha),
        SlaDelta = parse.GetValue(SlaDelta),
        SlaSignal = AlgorithmNames.Parse<SlaSignal>("--sla-signal", parse.GetValue(SlaSignal)!),
        MaxWait = parse.GetValue(MaxWait),
    };
}
