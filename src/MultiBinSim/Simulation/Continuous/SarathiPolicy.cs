namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// Sarathi-Serve's chunked prefill. Every iteration carries all decode sequences (one token each) plus prefill
/// chunks filling the rest of a token budget of chunk-size tokens (decodes count one token each): first the
/// sequences already prefilling, in admission order, then new admissions from the head of the waiting queue (FCFS,
/// stopping at the first that does not fit: running + 1 &lt;= max-num-seqs, blocks for its whole prompt (+ recomputed
/// tokens) leaving the watermark and the decodes' next blocks free). Before that, decode block shortage preempts
/// the last-arrived running sequence (decoding or prefilling) by recompute, as vLLM does.
/// Its options: <see cref="SarathiOptions"/>. With prefix caching (<see cref="ContinuousOptions.PrefixCaching"/> on; off by default, so earlier runs are
/// unchanged)
/// the decodes' next blocks are taken first (as vllm-v1 does), then an admitted request takes the longest cached run of
/// its leading full blocks (at most (prompt + recomputed tokens - 1) / block size, so at least one token is computed)
/// and new blocks for the rest; the watermark check counts the new blocks and the cached ones it takes off the free
/// queue. Its blocks join the cache as its chunks are scheduled (README, "Prefix caching").
/// </summary>
internal sealed class SarathiPolicy(SarathiOptions options, SequenceTable seq, long kvBlocks) : IIterationPolicy
{
    public static ContinuousPolicy Kind { get; } =
        ContinuousPolicy.Create(
            "sarathi",
            "Sarathi-Serve: all decodes plus prefill chunks within --chunk-size tokens per iteration",
            SarathiOptions.From,
            (o, s, kv) => new SarathiPolicy(o, s, kv),
            prefixCaching: true,
            prefillPool: true
        );

    public bool PreemptsLatestAdmitted => false;

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
        replica.ReserveDecodeBlocks();
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
            int hits = 0,
                evictable = 0;
            if (replica.Cache is { } cache)
            {
                hits = cache.Hits(r, (seq.Prompt[r] + seq.Generated[r] - 1) / options.BlockSize, out evictable);
            }

            long blocks = replica.AdmissionBlocks(r) - hits;
            if (replica.Running + 1 > replica.MaxNumSeqs || replica.Kv.Free - decodeNeed - blocks - evictable < replica.Kv.Watermark)
            {
                break;
            }

            replica.Waiting.RemoveHead();
            if (replica.Cache is null)
            {
                replica.Admit(r, blocks, now);
            }
            else
            {
                replica.AdmitWithPrefix(r, hits, blocks, now);
            }

            int chunk = (int)Math.Min(seq.PrefillLeft[r], budget - used);
            replica.SchedulePrefill(r, chunk);
            used += chunk;
        }

        replica.PlanDecode(replica.DecodeCount > 0);
    }
}
