namespace MultiBinSim.Tests.Continuous.Oracle;

/// <summary>
/// A disaggregated decode replica in the oracle, written from the README's rules rather than the engine's code: the
/// decodes' next slots first, popping the latest admitted running request while they do not fit; then, unless that
/// preempted, the FCFS queue while fewer than max-num-seqs run and the head fits beside the decodes' next slots: a
/// transferred request needs its prompt's blocks plus its next token's slot and decodes at once, a preempted one
/// recomputes prompt and generated tokens.
/// </summary>
internal sealed class OracleDecodePlanner(OracleKv kv) : IOraclePlanner
{
    public bool Reserves => false;

    public bool CanEverFit(int prompt, int output) => kv.Blocks(prompt + Math.Max(output - 1, 0)) <= kv.Total;

    public void Plan(Rep rep)
    {
        rep.Waiting.StartRound();
        bool preempted = false;
        while (rep.Running.Any(s => s.Phase == Phase.Decoding) && kv.DecodeNeed(rep) > rep.Total - rep.Used)
        {
            kv.Preempt(rep, rep.Running[^1]);
            preempted = true;
        }

        while (!preempted && rep.Running.Count < rep.MaxNumSeqs && rep.Waiting.Head is { } s)
        {
            long free = rep.Total - rep.Used - kv.DecodeNeed(rep);
            if (s.KvPresent)
            {
                if (kv.Blocks(s.Prompt + 1) > free)
                {
                    break;
                }

                rep.Waiting.RemoveHead();
                s.KvPresent = false;
                s.Phase = Phase.Decoding;
                s.Stored = s.Prompt;
                s.Blocks = kv.Blocks(s.Prompt);
                rep.Used += s.Blocks;
                rep.Running.Add(s);
            }
            else
            {
                long blocks = kv.Blocks(s.Prompt + s.Generated);
                if (blocks > free)
                {
                    break;
                }

                OracleKv.Admit(rep, s, blocks, -1);
            }
        }

        rep.Decoders.AddRange(rep.Running.Where(s => s.Phase == Phase.Decoding));
    }
}
