namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// Orca's iteration-level scheduling without paging: each iteration holds all decode sequences plus the whole
/// prompts of the requests admitted at its start (FCFS from the head, stopping at the first that does not fit:
/// running + 1 &lt;= max-num-seqs, prompt tokens &lt;= max-batched-tokens, and free blocks for its prompt + output tokens,
/// reserved at admission; the request's output length stands for its max_tokens). Reservation means no preemption.
/// </summary>
internal sealed class OrcaPolicy(PromptLimitOptions options, SequenceTable seq, long kvBlocks) : IIterationPolicy
{
    public static ContinuousPolicy Kind { get; } =
        ContinuousPolicy.Create("orca", "Orca: mixed prefill + decode iterations, prompt + output reserved at admission", PromptLimitOptions.From, (o, s, kv) =>
            new OrcaPolicy(o, s, kv)
        );

    public bool PreemptsLatestAdmitted => false;

    public bool ReservesOutput => true;

    public bool AdmitsIntoRunningBatch => true;

    public bool CanEverFit(int prompt, int output) => ReservationFits(options, kvBlocks, prompt, output);

    public void Plan(ReplicaState replica, double now)
    {
        AdmitReserving(options, seq, replica, now);
        replica.PlanDecode(replica.DecodeCount > 0);
    }

    internal static bool ReservationFits(PromptLimitOptions options, long kvBlocks, int prompt, int output) =>
        ((long)prompt + output + options.BlockSize - 1) / options.BlockSize <= kvBlocks && (options.MaxBatchedTokens is not int limit || prompt <= limit);

    /// <summary>FCFS admissions reserving prompt + output blocks; returns how many were admitted.</summary>
    internal static int AdmitReserving(PromptLimitOptions options, SequenceTable seq, ReplicaState replica, double now)
    {
        replica.Waiting.BeginRound();
        long tokens = 0;
        int admitted = 0;
        while (replica.Waiting.TryPeek(out int r))
        {
            int prompt = seq.Prompt[r];
            long blocks = replica.AdmissionBlocks(r);
            if (replica.Running + 1 > replica.MaxNumSeqs || (options.MaxBatchedTokens is int limit && tokens + prompt > limit) || blocks > replica.Kv.Free)
            {
                break;
            }

            replica.Waiting.RemoveHead();
            replica.Admit(r, blocks, now);
            replica.SchedulePrefill(r, prompt);
            tokens += prompt;
            admitted++;
        }

        return admitted;
    }
}
