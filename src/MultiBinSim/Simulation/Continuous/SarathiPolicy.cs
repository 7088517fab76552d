namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// Sarathi-Serve's chunked prefill. Every iteration carries all decode sequences (one token each) plus prefill
/// chunks filling the rest of a token budget of chunk-size tokens (decodes count one token each): first the
/// sequences already prefilling, in admission order, then new admissions from the head of the waiting queue (FCFS,
/// stopping at the first that does not fit: running + 1 &lt;= max-num-seqs, blocks for its whole prompt (+ recomputed
/// tokens) leaving the watermark and the decodes' next blocks free). Before that, decode block shortage preempts
/// the last-arrived running sequence (decoding or prefilling) by recompute, as vLLM does.
/// </summary>
internal sealed class SarathiPolicy(ContinuousOptions options, SequenceTable seq, long kvBlocks) : IIterationPolicy
{
    public static ContinuousPolicy Kind { get; } = new("sarathi", "Sarathi-Serve: all decodes plus prefill chunks within --chunk-size tokens per iteration", (o, s, kv) => new SarathiPolicy(o, s, kv), prefillPool: true);

    public bool ReservesOutput => false;

    public bool AdmitsIntoRunningBatch => true;

    public bool CanEverFit(int prompt, int output)
    {
        long tokens = (long)prompt + Math.Max(output - 1, 0);
        long blocks = (tokens + options.BlockSize - 1) / options.BlockSize;
        return kvBlocks - blocks >= KvBlockAllocator.WatermarkFraction * kvBlocks;
    }

    public void Plan(ReplicaState replica, double now)
    {
        replica.Waiting.BeginRound();
        replica.EnsureDecodeBlocks();
        long budget = Math.Max(0, options.ChunkSize - replica.DecodeCount);
        long used = 0;
        foreach (int r in replica.Prefilling)
        {
            if (used >= budget)
            {
                break;
            }

            int chunk = (int)Math.Min(seq.PrefillLeft[r], budget - used);
            replica.SchedulePrefill(r, chunk);
            used += chunk;
        }

        long decodeNeed = replica.DecodeBlocksNeeded;
        while (used < budget && replica.Waiting.TryPeek(out int r))
        {
            long blocks = replica.AdmissionBlocks(r);
            if (replica.Running + 1 > replica.MaxNumSeqs || replica.Kv.Free - decodeNeed - blocks < replica.Kv.Watermark)
            {
                break;
            }

            replica.Waiting.RemoveHead();
            replica.Admit(r, blocks, now);
            int chunk = (int)Math.Min(seq.PrefillLeft[r], budget - used);
            replica.SchedulePrefill(r, chunk);
            used += chunk;
        }

        replica.PlanDecode(replica.DecodeCount > 0);
    }
}
