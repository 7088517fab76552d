using MultiBinSim.Scheduling;

namespace MultiBinSim.Experiments;

/// <summary>One planned test of the suite: a scheduler configuration at a requested number of requests.</summary>
public sealed record SuiteTest(int Step, SchedulerKind Scheduler, int Requests, int Gpus, int K)
{
    /// <summary>K as recorded: 1 for schedulers without bins.</summary>
    public int RecordedK => Scheduler.IsBinned ? K : 1;

    public string Label => $"{Scheduler.Name} N={Requests:N0} G={Gpus}" + (Scheduler.IsBinned ? $" K={K}" : "");
}
