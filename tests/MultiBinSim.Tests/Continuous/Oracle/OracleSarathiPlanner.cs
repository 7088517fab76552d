namespace MultiBinSim.Tests.Continuous.Oracle;

/// <summary>
/// Sarathi-Serve in the oracle: all decodes plus prefill chunks within the chunk size, whole prompt at admission. With
/// prefix caching (<see cref="Rep.Pool"/>) the decodes' next blocks come off the free queue first, an admission takes
/// its cached leading blocks and new ones for the rest, and every scheduled chunk publishes the blocks it fills.
/// </summary>
internal sealed class OracleSarathiPlanner(OracleKv kv) : IOraclePlanner
{
    public bool Reserves => false;

    public bool CanEverFit(int prompt, int output) => kv.Total - kv.Blocks(prompt + Math.Max(output - 1, 0)) >= 0.01 * kv.Total;

    public void Plan(Rep rep)
    {
        rep.Waiting.StartRound();
        while (rep.Running.Any(s => s.Phase == Phase.Decoding) && kv.DecodeNeed(rep) > rep.Total - rep.Used)
        {
            kv.Preempt(rep, rep.Running.MaxBy(s => s.Id)!);
        }

        var decoders = rep.Running.Where(s => s.Phase == Phase.Decoding).ToList();
        if (rep.Pool is { } decodePool)
        {
            foreach (var s in decoders)
            {
                long grow = kv.Blocks(s.Stored + 1) - s.Blocks;
                decodePool.Allocate(s, grow);
                s.Blocks += grow;
                rep.Used = decodePool.Used;
            }
        }

        long budget = Math.Max(0, kv.Options.ChunkSize - decoders.Count),
            used = 0;
        foreach (var s in rep.Running.Where(s => s.Phase == Phase.Prefilling))
        {
            if (used >= budget)
            {
                break;
            }

            int chunk = (int)Math.Min(s.PrefillLeft, budget - used);
            rep.Sched.Add((s, chunk));
            Publish(rep, s, chunk);
            used += chunk;
        }

        long need = kv.DecodeNeed(rep);
        while (used < budget && rep.Waiting.Head is { } s)
        {
            int tokens = s.Prompt + s.Generated;
            int hits = 0,
                evictable = 0;
            if (rep.Pool is { } pool)
            {
                hits = pool.Hits(s, (tokens - 1) / kv.Options.BlockSize, out evictable);
            }

            long blocks = kv.Blocks(tokens) - hits;
            if (rep.Running.Count + 1 > rep.MaxNumSeqs || rep.Total - rep.Used - need - blocks - evictable < 0.01 * rep.Total)
            {
                break;
            }

            int cached = hits * kv.Options.BlockSize;
            int chunk = (int)Math.Min(tokens - cached, budget - used);
            if (rep.Pool is { } p)
            {
                OracleKv.Admit(rep, s, 0, chunk);
                s.PrefillLeft -= cached;
                if (!s.Counted)
                {
                    s.Counted = true;
                    kv.QueryTokens += s.Prompt;
                    kv.HitTokens += cached;
                }

                p.Take(s, hits);
                p.Allocate(s, blocks);
                s.Blocks = hits + blocks;
                rep.Used = p.Used;
                s.Slots = cached;
                Publish(rep, s, chunk);
            }
            else
            {
                OracleKv.Admit(rep, s, blocks, chunk);
            }

            used += chunk;
        }

        rep.Decoders.AddRange(decoders);
    }

    /// <summary>Prefix caching: the blocks <paramref name="chunk"/> more scheduled tokens of <paramref name="s"/> fill join the cache.</summary>
    private void Publish(Rep rep, Seq s, int chunk)
    {
        if (rep.Pool is { } pool)
        {
            s.Slots += chunk;
            pool.Publish(s, s.Slots / kv.Options.BlockSize);
        }
    }
}
