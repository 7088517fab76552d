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
    private readonly int _budget = kv.Options.MaxBatchedTokens ?? ContinuousOptions.DefaultTokenBudget;

    public bool Reserves => false;

    public bool CanEverFit(int prompt, int output) => kv.Blocks(prompt + Math.Max(output - 1, 0)) <= kv.Total;

    public void Plan(Rep rep)
    {
        rep.Waiting.StartRound();
        long budget = _budget;
        bool preempted = false;
        for (int i = 0; i < rep.Running.Count && budget > 0;)
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

            s.Blocks += need;
            rep.Used += need;
            if (decode)
            {
                rep.Decoders.Add(s);
            }
            else
            {
                s.Slots += tokens;
                rep.Sched.Add((s, tokens));
            }

            budget -= tokens;
            i++;
        }

        while (!preempted && budget > 0 && rep.Running.Count < rep.MaxNumSeqs && rep.Waiting.Head is { } w)
        {
            int chunk = (int)Math.Min(w.Prompt + w.Generated, budget);
            long blocks = kv.Blocks(chunk);
            if (blocks > rep.Total - rep.Used)
            {
                break;
            }

            OracleKv.Admit(rep, w, blocks, chunk);
            w.Slots = chunk;
            budget -= chunk;
        }
    }
}
