using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Simulation.Continuous.Dynamic;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Continuous.Oracle;

/// <summary>What <see cref="ContinuousOracle"/> computed: per-request times and every token gap.</summary>
/// <param name="FirstToken">First-token time per request (NaN for 0-output or rejected requests).</param>
/// <param name="Completion">Completion time per request (NaN for rejected requests).</param>
/// <param name="Replica">Replica per request (<see cref="RequestTimeline.Rejected"/> for rejected ones).</param>
/// <param name="Preemptions">Preemptions per request.</param>
/// <param name="Gaps">Every gap between two consecutive tokens of a request, seconds.</param>
/// <param name="Iterations">Iterations over all replicas.</param>
/// <param name="OutputTokensProduced">Output tokens produced (each exactly once).</param>
/// <param name="PrefillTokensProcessed">Prompt tokens processed, recomputations included.</param>
public sealed record OracleResult(
    double[] FirstToken,
    double[] Completion,
    int[] Replica,
    int[] Preemptions,
    List<double> Gaps,
    long Iterations,
    long OutputTokensProduced,
    long PrefillTokensProcessed
)
{
    /// <summary>Prefix caching: prompt tokens of first admissions, and those served from the cache (0 without caching).</summary>
    public long PrefixQueryTokens { get; init; }

    public long PrefixHitTokens { get; init; }
}

/// <summary>
/// The plain per-iteration implementation of the continuous engine's semantics, the test oracle of
/// <see cref="ContinuousEngine"/>: one object per sequence, every iteration simulated on its own, every sequence
/// touched in every iteration, lists instead of aggregates, one planner per policy (<see cref="OraclePlanners"/>) and
/// one routing rule per router (<see cref="Routers"/>). Slow (cost grows with tokens); for tests only.
/// </summary>
public static class ContinuousOracle
{
    /// <summary>The oracle's routing rule for each registered router, by name (a test requires one per router).</summary>
    internal static IReadOnlyDictionary<string, Func<Rep[], int, Func<int>, int>> Routers { get; } =
        new Dictionary<string, Func<Rep[], int, Func<int>, int>>
        {
            ["round-robin"] = (reps, _, next) => next() % reps.Length,
            ["least-outstanding"] = (reps, _, _) => Enumerable.Range(0, reps.Length).MinBy(i => reps[i].Waiting.Count + reps[i].Running.Count),
            ["least-kv"] = (reps, _, _) => Enumerable.Range(0, reps.Length).MinBy(i => reps[i].Used),
            ["prefix-affinity"] = (reps, id, _) =>
                Enumerable
                    .Range(0, reps.Length)
                    .Select(i =>
                        (
                            i,
                            Hits: reps[i].Pool?.Hits(new Seq { Id = id }, int.MaxValue, out int _) ?? 0,
                            Outstanding: reps[i].Waiting.Count + reps[i].Running.Count
                        )
                    )
                    .OrderByDescending(x => x.Hits)
                    .ThenBy(x => x.Outstanding)
                    .ThenBy(x => x.i)
                    .First()
                    .i,
        };

    /// <summary>Runs <paramref name="workload"/> under <paramref name="config"/> (engine options in <see cref="SimulationConfig.Continuous"/>).</summary>
    public static OracleResult Run(Workload workload, SimulationConfig config)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(config);
        var o = config.Continuous;
        long total = o.ResolveKvBlocks(config.Scheduler.Memory);
        int n = workload.Count;
        var result = new OracleResult(Filled(n, double.NaN), Filled(n, double.NaN), Filled(n, RequestTimeline.NotServed), new int[n], [], 0, 0, 0);
        long iterations = 0,
            outputTokens = 0,
            prefillTokens = 0;
        // Multi-bin admission: bins by predicted length, one bin per admission round; FCFS is the same queue with one bin.
        var bins = o.UsesBins ? ContinuousRun.AdmissionBoundaries(workload, config) : new MultiBinSim.Scheduling.BinBoundaries([0]);
        var predicted = workload.PredictedTokens.ToArray();
        WaitingBins Queue(bool usesBins) =>
            usesBins
                ? new WaitingBins(bins.K, s => bins.Locate(predicted[s.Id]), config.Scheduler.BinPolicy)
                : new WaitingBins(1, _ => 0, config.Scheduler.BinPolicy);
        var reps = Enumerable.Range(0, config.Gpus).Select(_ => new Rep(Queue(o.Admission.UsesBins)) { Total = total, MaxNumSeqs = o.MaxNumSeqs }).ToArray();
        foreach (var rep in reps)
        {
            // Dynamic batching: the same controller as the engine, per replica, fed after every iteration.
            rep.Controller = o.Batching == BatchingMode.Dynamic ? new DynamicBatchController(o, total) : null;
            rep.MaxNumSeqs = rep.Controller?.Current ?? o.MaxNumSeqs;
        }

        bool reserves = OraclePlanners.Reserves(o.Policy);
        var kv = new OracleKv(o, total, result.Preemptions, reserves);
        var planner = OraclePlanners.ByPolicy[o.Policy.Name](kv);
        var route = Routers[o.Routing.Name];

        // Disaggregation: replicas 0..P-1 prefill (the run's planner), P..G-1 decode (FCFS or bins, dynamic batch sizes), joined by FIFO links.
        var pools = o.Disaggregation;
        int prefillCount = pools?.PrefillReplicas ?? reps.Length;
        IOraclePlanner? decodePlanner = null;
        var decodeRoute = pools is null ? null : Routers[pools.DecodeRouting.Name];
        var transfers = new List<(double Done, long Order, Seq S, int Source)>();
        var linkIdle = new double[prefillCount];
        long transferOrder = 0;
        int decodeRoundRobin = 0;
        if (pools is not null)
        {
            long prefillTotal = pools.PrefillKvBlocks ?? total,
                decodeTotal = pools.DecodeKvBlocks ?? total;
            var prefillOptions = o with { StepModel = pools.PrefillStepModel ?? o.StepModel };
            var decodeOptions = o with { StepModel = pools.DecodeStepModel ?? o.StepModel, MaxNumSeqs = pools.DecodeMaxNumSeqs ?? o.MaxNumSeqs };
            kv = new OracleKv(prefillOptions, prefillTotal, result.Preemptions, reserves: false);
            planner = OraclePlanners.ByPolicy[o.Policy.Name](kv);
            decodePlanner = new OracleDecodePlanner(new OracleKv(decodeOptions, decodeTotal, result.Preemptions, reserves: false));
            for (int i = 0; i < reps.Length; i++)
            {
                bool prefill = i < prefillCount;
                reps[i] = prefill
                    ? new Rep(reps[i].Waiting)
                    {
                        Total = prefillTotal,
                        MaxNumSeqs = o.MaxNumSeqs,
                        Planner = planner,
                        Model = prefillOptions.StepModel,
                        Prefill = true,
                    }
                    : new Rep(Queue(pools.DecodeAdmission.UsesBins))
                    {
                        Total = decodeTotal,
                        Planner = decodePlanner,
                        Model = decodeOptions.StepModel,
                        Controller = o.Batching == BatchingMode.Dynamic ? new DynamicBatchController(decodeOptions, decodeTotal) : null,
                    };
                reps[i].MaxNumSeqs = prefill ? o.MaxNumSeqs : reps[i].Controller?.Current ?? decodeOptions.MaxNumSeqs;
            }
        }

        var entry = reps[..prefillCount];
        var decodeReps = reps[prefillCount..];
        if (o.PrefixCachingEnabled)
        {
            var identity = (workload.Prefixes ?? PrefixIdentity.Groups(new int[n], new int[n], "none")).Blocks(o.BlockSize);
            var prompts = workload.PromptTokens.ToArray();
            foreach (var rep in entry)
            {
                rep.Pool = new OraclePrefixPool(identity, prompts, rep.Total, o.BlockSize);
            }
        }

        bool CanEverFit(int prompt, int output) =>
            decodePlanner is null
                ? planner.CanEverFit(prompt, output)
                : planner.CanEverFit(prompt, Math.Min(output, 1)) && (output <= 1 || decodePlanner.CanEverFit(prompt, output));

        int roundRobin = 0,
            next = 0;

        void Complete(Rep rep, Seq s, double t)
        {
            OracleKv.Release(rep, s);
            s.Phase = Phase.Done;
            rep.Running.Remove(s);
            result.Completion[s.Id] = t;
            rep.Controller?.Completed(s.Prompt, s.Output);
        }

        void Start(Rep rep, double t)
        {
            rep.Sched.Clear();
            rep.Decoders.Clear();
            (rep.Planner ?? planner).Plan(rep);
            if (rep.Sched.Count == 0 && rep.Decoders.Count == 0)
            {
                return;
            }

            long context = 0;
            foreach (var s in rep.Decoders)
            {
                if (!reserves)
                {
                    long grow = kv.Blocks(s.Stored + 1) - s.Blocks;
                    s.Blocks += grow;
                    rep.Used += grow;
                }

                context += s.Stored + 1;
            }

            if (rep.Used > rep.Total)
            {
                throw new InvalidOperationException("oracle over-committed the KV cache");
            }

            long prompt = rep.Sched.Sum(x => (long)x.Tokens);
            long squares = rep.Sched.Sum(x => (long)x.Tokens * x.Tokens);
            rep.Start = t;
            rep.End = t + (rep.Model ?? o.StepModel).IterationTime(rep.Sched.Count + rep.Decoders.Count, prompt, squares, context);
            rep.Busy = true;
        }

        void Finish(Rep rep)
        {
            double t = rep.End;
            rep.Busy = false;
            iterations++;
            foreach (var s in rep.Decoders)
            {
                result.Gaps.Add(t - s.LastToken);
                s.LastToken = t;
                s.Generated++;
                s.Stored++;
                outputTokens++;
                if (s.Generated == s.Output)
                {
                    Complete(rep, s, t);
                }
            }

            foreach (var (s, tokens) in rep.Sched)
            {
                s.PrefillLeft -= tokens;
                prefillTokens += tokens;
                if (s.PrefillLeft > 0)
                {
                    continue;
                }

                s.Stored = s.Prompt + s.Generated;
                if (s.Output == 0)
                {
                    Complete(rep, s, t);
                    continue;
                }

                if (s.Generated == 0)
                {
                    result.FirstToken[s.Id] = t;
                }
                else
                {
                    result.Gaps.Add(t - s.LastToken);
                }

                s.Generated++;
                outputTokens++;
                s.LastToken = t;
                if (rep.Prefill && s.Generated < s.Output)
                {
                    // Its prompt's KV cache leaves on the replica's link, after the link's previous transfer.
                    int source = Array.IndexOf(reps, rep);
                    double done = Math.Max(t, linkIdle[source]) + pools!.TransferTime(s.Prompt, pools.ResolveKvGbPerToken(config.Scheduler.Memory));
                    linkIdle[source] = done;
                    s.Phase = Phase.Transferring;
                    rep.Running.Remove(s);
                    transfers.Add((done, transferOrder++, s, source));
                    continue;
                }

                s.Phase = Phase.Decoding;
                if (s.Generated >= s.Output)
                {
                    Complete(rep, s, t);
                }
            }

            int decodeBatch = rep.Decoders.Count,
                prefillBatch = rep.Sched.Count;
            rep.Sched.Clear();
            rep.Decoders.Clear();
            if (rep.Controller is not null)
            {
                int decoding = rep.Running.Count(s => s.Phase == Phase.Decoding);
                rep.MaxNumSeqs = rep.Controller.AfterIteration(
                    t - rep.Start,
                    decodeBatch,
                    prefillBatch,
                    decoding,
                    rep.Waiting.Count + rep.Running.Count - decoding
                );
            }
        }

        var arrivals = workload.Arrivals.ToArray();
        var promptTokens = workload.PromptTokens.ToArray();
        var outputTokensOf = workload.OutputTokens.ToArray();
        while (true)
        {
            double tb = reps.Where(r => r.Busy).Select(r => r.End).DefaultIfEmpty(double.PositiveInfinity).Min();
            double ta = next < n ? arrivals[next] : double.PositiveInfinity;
            double tt = transfers.Count > 0 ? transfers.Min(x => x.Done) : double.PositiveInfinity;
            double t = Math.Min(Math.Min(tb, ta), tt);
            if (double.IsPositiveInfinity(t))
            {
                break;
            }

            var ready = new SortedSet<int>();
            for (int i = 0; i < reps.Length; i++)
            {
                if (reps[i].Busy && reps[i].End == t)
                {
                    Finish(reps[i]);
                    ready.Add(i);
                }
            }

            foreach (var x in transfers.Where(x => x.Done <= t).OrderBy(x => x.Order).ToList())
            {
                transfers.Remove(x);
                OracleKv.Release(reps[x.Source], x.S);
                x.S.Slots = 0;
                ready.Add(x.Source);
                x.S.Phase = Phase.Waiting;
                x.S.KvPresent = true;
                int to = prefillCount + decodeRoute!(decodeReps, x.S.Id, () => decodeRoundRobin++);
                reps[to].Waiting.Add(x.S);
                if (!reps[to].Busy)
                {
                    ready.Add(to);
                }
            }

            while (next < n && arrivals[next] <= t)
            {
                int id = next++;
                if (!CanEverFit(promptTokens[id], outputTokensOf[id]))
                {
                    result.Replica[id] = RequestTimeline.Rejected;
                    continue;
                }

                int pick = route(entry, id, () => roundRobin++);
                result.Replica[id] = pick;
                reps[pick]
                    .Waiting.Add(
                        new Seq
                        {
                            Id = id,
                            Prompt = promptTokens[id],
                            Output = outputTokensOf[id],
                        }
                    );
                if (!reps[pick].Busy)
                {
                    ready.Add(pick);
                }
            }

            foreach (int i in ready)
            {
                if (!reps[i].Busy)
                {
                    Start(reps[i], t);
                }
            }
        }

        return result with
        {
            Iterations = iterations,
            OutputTokensProduced = outputTokens,
            PrefillTokensProcessed = prefillTokens,
            PrefixQueryTokens = kv.QueryTokens,
            PrefixHitTokens = kv.HitTokens,
        };
    }

    private static T[] Filled<T>(int n, T value)
    {
        var a = new T[n];
        Array.Fill(a, value);
        return a;
    }
}

/// <summary>
/// A replica's waiting requests: preempted ones first (most recent first), then K FIFO bins of which an admission
/// round serves one; the round's bin is kept until a round admits from it (round-robin from a cursor, or the longest
/// bin, lowest index on ties) and a bin that empties ends its round. One bin is FCFS.
/// </summary>
internal sealed class WaitingBins(int k, Func<Seq, int> binOf, MultiBinSim.Scheduling.BinSelectionPolicy selection)
{
    private readonly List<Seq> _preempted = [];
    private readonly List<Seq>[] _bins = Enumerable.Range(0, k).Select(_ => new List<Seq>()).ToArray();
    private int _current = -1,
        _cursor;
    private bool _admitted;

    public int Count => _preempted.Count + _bins.Sum(b => b.Count);

    public void Add(Seq s) => _bins[binOf(s)].Add(s);

    public void PushFront(Seq s) => _preempted.Insert(0, s);

    public void StartRound()
    {
        if (_admitted)
        {
            (_current, _admitted) = (-1, false);
        }
    }

    public Seq? Head
    {
        get
        {
            if (_preempted.Count > 0)
            {
                return _preempted[0];
            }

            if (_current < 0 || _bins[_current].Count == 0)
            {
                if (_admitted)
                {
                    return null;
                }

                _current =
                    selection == MultiBinSim.Scheduling.BinSelectionPolicy.LongestQueue
                        ? Enumerable.Range(0, k).Where(i => _bins[i].Count > 0).OrderByDescending(i => _bins[i].Count).ThenBy(i => i).DefaultIfEmpty(-1).First()
                        : Enumerable.Range(0, k).Select(j => (_cursor + j) % k).Where(i => _bins[i].Count > 0).DefaultIfEmpty(-1).First();
                if (_current < 0)
                {
                    return null;
                }

                if (selection != MultiBinSim.Scheduling.BinSelectionPolicy.LongestQueue)
                {
                    _cursor = (_current + 1) % k;
                }
            }

            return _bins[_current][0];
        }
    }

    public void RemoveHead()
    {
        if (_preempted.Count > 0)
        {
            _preempted.RemoveAt(0);
            return;
        }

        _bins[_current].RemoveAt(0);
        _admitted = true;
    }
}
