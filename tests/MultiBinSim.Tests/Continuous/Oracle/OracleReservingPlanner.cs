namespace MultiBinSim.Tests.Continuous.Oracle;

/// <summary>Orca and static batching in the oracle: prompt + output reserved at admission; static admits only when idle.</summary>
internal sealed class OracleReservingPlanner(OracleKv kv, bool isStatic) : IOraclePlanner
{
    public bool Reserves => true;

    public bool CanEverFit(int prompt, int output) =>
        kv.Blocks(prompt + output) <= kv.Total && (kv.Options.MaxBatchedTokens is null || prompt <= kv.Options.MaxBatchedTokens);

    public void Plan(Rep rep)
    {
        if (isStatic && rep.Running.Count > 0)
        {
            rep.Decoders.AddRange(rep.Running);
            return;
        }

        var decoders = rep.Running.ToList();
        long tokens = 0;
        rep.Waiting.StartRound();
        while (rep.Waiting.Head is { } s)
        {
            long blocks = kv.Blocks(s.Prompt + s.Output);
            if (
                rep.Running.Count + 1 > rep.MaxNumSeqs
                || (kv.Options.MaxBatchedTokens is int limit && tokens + s.Prompt > limit)
                || blocks > rep.Total - rep.Used
            )
            {
                break;
            }

            OracleKv.Admit(rep, s, blocks, -1);
            tokens += s.Prompt;
        }

        rep.Decoders.AddRange(decoders);
    }
}
