namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// Static batching at iteration level (the batch engine's twin): when a replica runs nothing, it admits a batch
/// FCFS from the head (the same limits and prompt + output reservation as <see cref="OrcaPolicy"/>), runs one
/// prefill-only iteration for all of it, then decode iterations until every member finished; finished members leave,
/// nobody joins.
/// </summary>
internal sealed class StaticPolicy(PromptLimitOptions options, SequenceTable seq, long kvBlocks) : IIterationPolicy
{
    public static ContinuousPolicy Kind { get; } =
        ContinuousPolicy.Create("static", "static batching at iteration level: nothing joins a running batch", PromptLimitOptions.From, (o, s, kv) =>
            new StaticPolicy(o, s, kv)
        );

    public bool PreemptsLatestAdmitted => false;

    public bool ReservesOutput => true;

    public bool AdmitsIntoRunningBatch => false;

    public bool CanEverFit(int prompt, int output) => OrcaPolicy.ReservationFits(options, kvBlocks, prompt, output);

    public void Plan(ReplicaState replica, double now)
    {
        if (replica.Running == 0)
        {
            OrcaPolicy.AdmitReserving(options, seq, replica, now);
            replica.PlanDecode(false);
        }
        else
        {
            replica.PlanDecode(replica.DecodeCount > 0);
        }
    }
}
