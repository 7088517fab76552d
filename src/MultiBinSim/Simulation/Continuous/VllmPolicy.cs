namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// vLLM's v0 scheduler. At each boundary it admits from the head of the waiting queue, FCFS, stopping at the first
/// request that does not fit: running + 1 &lt;= max-num-seqs, the iteration's prompt tokens &lt;= max-batched-tokens, and
/// free blocks minus the prompt's blocks &gt;= 1 % of all blocks (the watermark). An iteration with admissions is
/// prefill-only; otherwise every running sequence decodes one token, after preempting (recompute) the last-arrived
/// running sequences while the KV cache lacks a block for it. A preempted request's prefill covers prompt +
/// generated tokens.
/// </summary>
internal sealed class VllmPolicy(PromptLimitOptions options, SequenceTable seq, long kvBlocks) : IIterationPolicy
{
    public static ContinuousPolicy Kind { get; } =
        ContinuousPolicy.Create(
            "vllm",
            "vLLM's v0 scheduler: FCFS, prefill-only iterations, whole-prompt KV at admission, 1 % watermark",
            PromptLimitOptions.From,
            (o, s, kv) => new VllmPolicy(o, s, kv),
            prefillPool: true
        );

    public bool PreemptsLatestAdmitted => false;

    public bool ReservesOutput => false;

    public bool AdmitsIntoRunningBatch => true;

    public bool CanEverFit(int prompt, int output)
    {
        // The largest prefill it may need is a recompute of prompt + (output - 1) tokens, with the watermark kept free.
        long tokens = (long)prompt + Math.Max(output - 1, 0);
        long blocks = (tokens + options.BlockSize - 1) / options.BlockSize;
        return kvBlocks - blocks >= KvBlockAllocator.WatermarkFraction * kvBlocks && (options.MaxBatchedTokens is not int limit || tokens <= limit);
    }

    public void Plan(ReplicaState replica, double now)
    {
        replica.Waiting.BeginRound();
        while (true)
        {
            long tokens = 0;
            int admitted = 0;
            while (replica.Waiting.TryPeek(out int r))
            {
                int target = seq.Prompt[r] + seq.Generated[r];
                long blocks = replica.AdmissionBlocks(r);
                if (
                    replica.Running + 1 > replica.MaxNumSeqs
                    || (options.MaxBatchedTokens is int limit && tokens + target > limit)
                    || !replica.Kv.CanAllocateKeepingWatermark(blocks)
                )
                {
                    break;
                }

                replica.Waiting.RemoveHead();
                replica.Admit(r, blocks, now);
                replica.SchedulePrefill(r, target);
                tokens += target;
                admitted++;
            }

            if (admitted > 0)
            {
                replica.PlanDecode(false);
                return;
            }

            if (replica.DecodeCount == 0)
            {
                return;
            }

            replica.EnsureDecodeBlocks();
            if (replica.DecodeCount > 0)
            {
                replica.PlanDecode(true);
                return;
            }

            // Every running sequence was preempted: they wait at the front of the queue; admit again.
        }
    }
}
