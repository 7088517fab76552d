using MultiBinSim.Simulation.Continuous;

namespace MultiBinSim.Tests.Continuous.Oracle;

/// <summary>
/// vLLM v1 in the oracle, written as vLLM's <c>Scheduler.schedule</c> loops: the running list in order, each request
/// allocating slots for the tokens it is given (a decode one, a prefill a chunk of the remaining budget) and popping
/// the end of the running list while its blocks do not fit; then, if nothing was preempted, the waiting queue while the
/// budget lasts. Unlike the fast engine it does not rely on decodes preceding prefills in the running list.
/// </summary>
internal sealed class OracleVllmV1Planner(OracleKv kv) : IOraclePlanner
{
    private readonly int _budget = kv.Options.MaxBatchedTokens ?? VllmV1Options.DefaultTokenBudget;

    public bool Reserves => false;

    private static void Allocate(Rep rep, Seq s, long blocks)
    {
        s.Blocks += blocks;
        if (rep.Pool is { } pool)
        {
            pool.Allocate(s, blocks);
            rep.Used = pool.Used;
        }
        else
        {
            rep.Used += blocks;
        }
    }

    public bool CanEverFit(int prompt, int output) => kv.Blocks(prompt + Math.Max(output - 1, 0)) <= kv.Total;

    public void Plan(Rep rep)
    {
        rep.Waiting.StartRound();
        long budget = _budget;
        bool preempted = false;
        int i = 0;
        while (i < rep.Running.Count && budget > 0)
        {
            var s = rep.Running[i];
            bool decode = s.Phase == Phase.Decoding;
            int tokens = decode ? 1 : (int)Math.Min(s.PrefillLeft, budget);
            long need = decode ? kv.Blocks(s.Stored + 1) - s.Blocks : kv.Blocks(s.Slots + tokens) - s.Blocks;
            bool self = false;
            while (need > rep.Total - rep.Used)
            {
                var victim = rep.Running[^1];
                kv.Preempt(rep, victim);
                preempted = true;
                if (victim == s)
                {
                    self = true;
                    break;
                }
            }

            if (self)
            {
                break;
            }

            Allocate(rep, s, need);
            if (decode)
            {
                rep.Decoders.Add(s);
            }
            else
            {
                s.Slots += tokens;
                rep.Pool?.Publish(s, s.Slots / kv.Options.BlockSize);
                rep.Sched.Add((s, tokens));
            }

            budget -= tokens;
            i++;
        }

        while (!preempted && budget > 0 && rep.Running.Count < rep.MaxNumSeqs && rep.Waiting.Head is { } w)
        {
            int tokens = w.Prompt + w.Generated;
            int hits = 0,
                evictable = 0;
            if (rep.Pool is { } pool)
            {
                hits = pool.Hits(w, (tokens - 1) / kv.Options.BlockSize, out evictable);
            }

            int cached = hits * kv.Options.BlockSize;
            int chunk = (int)Math.Min(tokens - cached, budget);
            long blocks = kv.Blocks(cached + chunk) - hits;
            if (blocks + evictable > rep.Total - rep.Used)
            {
                break;
            }

            OracleKv.Admit(rep, w, 0, chunk);
            w.PrefillLeft -= cached;
            if (rep.Pool is { } p)
            {
                if (!w.Counted)
                {
                    w.Counted = true;
                    kv.QueryTokens += w.Prompt;
                    kv.HitTokens += cached;
                }

                p.Take(w, hits);
                w.Blocks = hits;
                rep.Used = p.Used;
            }

            Allocate(rep, w, blocks);
            w.Slots = cached + chunk;
            rep.Pool?.Publish(w, w.Slots / kv.Options.BlockSize);
            budget -= chunk;
        }
    }
}
