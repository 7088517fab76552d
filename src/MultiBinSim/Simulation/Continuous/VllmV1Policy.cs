namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// vLLM's v1 scheduler (vllm/v1/core/sched/scheduler.py, <c>Scheduler.schedule</c>, as of vLLM v0.11.0; README,
/// "vLLM v1"). One token budget per iteration (<see cref="VllmV1Options.TokenBudget"/>: --max-batched-tokens, default
/// <see cref="VllmV1Options.DefaultTokenBudget"/>) shared by prefill and decode; chunked prefill is always on.
/// <list type="number">
/// <item>Running requests first, in the order they were scheduled: every decode costs one token; a running prefill
/// continues with a chunk of at most the rest of the budget. KV blocks are allocated as tokens are scheduled
/// (<c>allocate_slots</c>), not for the whole prompt at admission. When blocks are missing, the running request
/// scheduled last is preempted (recompute; its blocks freed) until the request fits or is itself preempted. Decodes
/// always precede prefills in the running list (a prefill only finishes after those scheduled before it), so all
/// decodes are served first, as here.</item>
/// <item>Then, unless this iteration preempted, waiting requests FCFS (or in the admission order) while the budget
/// lasts and fewer than max-num-seqs run: each takes its chunk of at most the remaining
/// budget; the first whose blocks do not fit stops admission (no preemption for waiting requests).</item>
/// </list>
/// With prefix caching (<see cref="ContinuousOptions.PrefixCaching"/>, on by default) an admitted request first takes
/// its cached leading blocks (<see cref="PrefixCache"/>) and computes only the rest. There is no watermark (v1 has none). vLLM requires max-num-batched-tokens
/// &gt;= max-num-seqs, so every decode fits
/// the budget.
/// </summary>
internal sealed class VllmV1Policy : IIterationPolicy
{
    private readonly VllmV1Options _options;
    private readonly SequenceTable _seq;
    private readonly long _kvBlocks;
    private readonly int _budget;

    public VllmV1Policy(VllmV1Options options, SequenceTable seq, long kvBlocks)
    {
        _options = options;
        _seq = seq;
        _kvBlocks = kvBlocks;
        _budget = options.TokenBudget;
        seq.EnableChunkedAllocation();
    }

    public static ContinuousPolicy Kind { get; } =
        ContinuousPolicy.Create(
            "vllm-v1",
            "vLLM's v1 scheduler: one token budget (--max-batched-tokens, default 2048), running first, chunked prefill, prefix caching",
            VllmV1Options.From,
            (o, s, kv) => new VllmV1Policy(o, s, kv),
            prefixCaching: true,
            prefixCachingByDefault: true,
            prefillPool: true
        );

    public bool ReservesOutput => false;

    public bool PreemptsLatestAdmitted => true;

    public bool AdmitsIntoRunningBatch => true;

    /// <summary>Its largest context (prompt + output - 1 tokens with a slot at its last decode) fits the replica's blocks.</summary>
    public bool CanEverFit(int prompt, int output) => ((long)prompt + Math.Max(output - 1, 0) + _options.BlockSize - 1) / _options.BlockSize <= _kvBlocks;

    public void Plan(ReplicaState replica, double now)
    {
        replica.Waiting.BeginRound();
        bool preempted = replica.EnsureDecodeBlocks();
        replica.ReserveDecodeBlocks();
        long decodeNeed = replica.DecodeBlocksNeeded;
        long budget = _budget - replica.DecodeCount;
        for (int i = 0; i < replica.PrefillCount && budget > 0; i++)
        {
            int r = replica.Prefilling[i];
            int chunk = (int)Math.Min(_seq.PrefillLeft[r], budget);
            long blocks = replica.ChunkBlocks(r, chunk);
            bool self = false;
            while (blocks > replica.Kv.Free - decodeNeed)
            {
                preempted = true;
                self = replica.PreemptVictim() == r;
                decodeNeed = replica.DecodeBlocksNeeded;
                if (self)
                {
                    break;
                }
            }

            if (self)
            {
                break;
            }

            replica.AllocateChunk(r, chunk, blocks);
            replica.SchedulePrefill(r, chunk);
            budget -= chunk;
        }

        while (!preempted && budget > 0 && replica.Running < replica.MaxNumSeqs && replica.Waiting.TryPeek(out int r))
        {
            int tokens = _seq.Prompt[r] + _seq.Generated[r];
            int hits = 0,
                evictable = 0;
            if (replica.Cache is { } cache)
            {
                // vLLM's get_computed_blocks: the longest cached run of leading full blocks, at most (tokens - 1) / block
                // size of them, so that at least one token is computed.
                hits = cache.Hits(r, (tokens - 1) / _options.BlockSize, out evictable);
            }

            int cached = hits * _options.BlockSize;
            int chunk = (int)Math.Min(tokens - cached, budget);
            long blocks = (cached + chunk + _options.BlockSize - 1) / _options.BlockSize - hits;
            if (blocks + evictable > replica.Kv.Free - decodeNeed)
            {
                if (evictable > 0)
                {
                    // Decode growth may evict one of its free cached blocks; the shorter hit can need fewer blocks in
                    // all (its chunk is then budget-limited), so a later boundary of a stretch may admit it. Without
                    // free hits the need stays and the free blocks only fall: a stretch changes nothing.
                    replica.PlanSingleIteration();
                }

                break;
            }

            replica.Waiting.RemoveHead();
            replica.AdmitChunked(r, hits, now);
            replica.AllocateChunk(r, chunk, blocks);
            replica.SchedulePrefill(r, chunk);
            budget -= chunk;
        }

        if (preempted && replica.Waiting.Count > 0)
        {
            // The next boundary may admit what this one could not.
            replica.PlanSingleIteration();
        }

        replica.PlanDecode(replica.DecodeCount > 0);
    }
}
