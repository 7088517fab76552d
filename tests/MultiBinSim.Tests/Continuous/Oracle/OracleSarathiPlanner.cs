namespace MultiBinSim.Tests.Continuous.Oracle;

/// <summary>Sarathi-Serve in the oracle: all decodes plus prefill chunks within the chunk size, whole prompt at admission.</summary>
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
        long budget = Math.Max(0, kv.Options.ChunkSize - decoders.Count), used = 0;
        foreach (var s in rep.Running.Where(s => s.Phase == Phase.Prefilling))
        {
            if (used >= budget)
            {
                break;
            }

            int chunk = (int)Math.Min(s.PrefillLeft, budget - used);
            rep.Sched.Add((s, chunk));
            used += chunk;
        }

        long need = kv.DecodeNeed(rep);
        while (used < budget && rep.Waiting.Head is { } s)
        {
            long blocks = kv.Blocks(s.Prompt + s.Generated);
            if (rep.Running.Count + 1 > rep.MaxNumSeqs || rep.Total - rep.Used - need - blocks < 0.01 * rep.Total)
            {
                break;
            }

            int chunk = (int)Math.Min(s.Prompt + s.Generated, budget - used);
            OracleKv.Admit(rep, s, blocks, chunk);
            used += chunk;
        }

        rep.Decoders.AddRange(decoders);
    }
}
