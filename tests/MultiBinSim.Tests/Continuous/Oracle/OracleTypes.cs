using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Simulation.Continuous.Dynamic;

namespace MultiBinSim.Tests.Continuous.Oracle;

/// <summary>Where a request is in the oracle.</summary>
internal enum Phase
{
    Waiting,
    Prefilling,
    Decoding,

    /// <summary>Disaggregation: prefilled, its KV cache on the link (its prefill replica still holds the blocks).</summary>
    Transferring,
    Done,
}

/// <summary>One request in the oracle: one object, touched in every iteration.</summary>
internal sealed class Seq
{
    public int Id;
    public int Prompt;
    public int Output;
    public int Generated;
    public long Stored;
    public long Blocks;
    public int PrefillLeft;
    public int Slots;
    public readonly List<int> Physical = [];
    public int RefShared;
    public bool Broken;
    public bool Counted;
    public double LastToken;
    public Phase Phase;

    /// <summary>Disaggregation: waiting at a decode replica with its KV cache (transferred, not preempted since).</summary>
    public bool KvPresent;
}

/// <summary>One replica in the oracle: lists instead of aggregates; <see cref="Running"/> in admission order.</summary>
internal sealed class Rep(WaitingBins waiting)
{
    public readonly WaitingBins Waiting = waiting;
    public readonly List<Seq> Running = [];
    public readonly List<Seq> Decoders = [];
    public readonly List<(Seq Seq, int Tokens)> Sched = [];
    public long Total;
    public long Used;
    public int MaxNumSeqs;
    public DynamicBatchController? Controller;
    public double Start;
    public bool Busy;
    public double End;
    public OraclePrefixPool? Pool;

    /// <summary>Disaggregation: this replica's own planner and step model (null: the run's).</summary>
    public IOraclePlanner? Planner;

    public MultiBinSim.Latency.StepTime.StepTimeModel? Model;

    /// <summary>Disaggregation: a prefill replica (hands prefilled requests to the link).</summary>
    public bool Prefill;
}

/// <summary>What planners share: the options, block arithmetic, admission and preemption on one replica.</summary>
internal sealed class OracleKv(ContinuousOptions options, long total, int[] preemptions, bool reserves)
{
    public ContinuousOptions Options { get; } = options;

    public long Total { get; } = total;

    /// <summary>Prefix caching: prompt tokens looked up at first admissions, and those served from the cache.</summary>
    public long QueryTokens { get; set; }

    public long HitTokens { get; set; }

    public long Blocks(long tokens) => (tokens + Options.BlockSize - 1) / Options.BlockSize;

    /// <summary>Blocks the decoding sequences need for their next token (0 when the policy reserves output).</summary>
    public long DecodeNeed(Rep rep) => reserves ? 0 : rep.Running.Where(s => s.Phase == Phase.Decoding).Sum(s => Blocks(s.Stored + 1) - s.Blocks);

    public static void Admit(Rep rep, Seq s, long blocks, int chunk)
    {
        rep.Waiting.RemoveHead();
        s.Phase = Phase.Prefilling;
        s.Blocks = blocks;
        rep.Used += blocks;
        s.PrefillLeft = s.Prompt + s.Generated;
        rep.Running.Add(s);
        rep.Sched.Add((s, chunk < 0 ? s.PrefillLeft : chunk));
    }

    public void Preempt(Rep rep, Seq victim)
    {
        Release(rep, victim);
        victim.Phase = Phase.Waiting;
        victim.Slots = 0;
        rep.Running.Remove(victim);
        rep.Waiting.PushFront(victim);
        preemptions[victim.Id]++;
    }

    /// <summary>Frees every block <paramref name="s"/> holds.</summary>
    public static void Release(Rep rep, Seq s)
    {
        if (rep.Pool is { } pool)
        {
            pool.Release(s);
            rep.Used = pool.Used;
            s.Blocks = 0;
            return;
        }

        rep.Used -= s.Blocks;
        s.Blocks = 0;
    }
}

/// <summary>A policy's per-iteration planning in the oracle: one planner per continuous policy (<see cref="OraclePlanners"/>).</summary>
internal interface IOraclePlanner
{
    /// <summary>Sequences hold blocks for prompt + output from admission on.</summary>
    bool Reserves { get; }

    bool CanEverFit(int prompt, int output);

    /// <summary>Fills <see cref="Rep.Sched"/> (prefill chunks) and <see cref="Rep.Decoders"/> for the next iteration.</summary>
    void Plan(Rep rep);
}
