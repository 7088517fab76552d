namespace MultiBinSim.Tests.Continuous.Oracle;

/// <summary>vLLM v0 in the oracle: prefill-only iterations, whole prompt at admission, 1 % watermark, latest arrival preempted.</summary>
internal sealed class OracleVllmPlanner(OracleKv kv) : IOraclePlanner
{
    public bool Reserves => false;

    public bool CanEverFit(int prompt, int output)
    {
        long tokens = prompt + Math.Max(output - 1, 0);
        return kv.Total - kv.Blocks(tokens) >= 0.01 * kv.Total && (kv.Options.MaxBatchedTokens is null || tokens <= kv.Options.MaxBatchedTokens);
    }

    public void Plan(Rep rep)
    {
        rep.Waiting.StartRound();
        while (true)
        {
            long tokens = 0;
            while (rep.Waiting.Head is { } s)
            {
                int target = s.Prompt + s.Generated;
                long blocks = kv.Blocks(target);
                if (
                    rep.Running.Count + 1 > rep.MaxNumSeqs
                    || (kv.Options.MaxBatchedTokens is int limit && tokens + target > limit)
                    || rep.Total - rep.Used - blocks < 0.01 * rep.Total
                )
                {
                    break;
                }

                OracleKv.Admit(rep, s, blocks, -1);
                tokens += target;
            }

            if (rep.Sched.Count > 0 || rep.Running.Count == 0)
            {
                return;
            }

            while (rep.Running.Count > 0 && kv.DecodeNeed(rep) > rep.Total - rep.Used)
            {
                kv.Preempt(rep, rep.Running.MaxBy(s => s.Id)!);
            }

            if (rep.Running.Count > 0)
            {
                rep.Decoders.AddRange(rep.Running);
                return;
            }
        }
    }
}
