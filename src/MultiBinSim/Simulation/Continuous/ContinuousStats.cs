using MultiBinSim.Metrics;

namespace MultiBinSim.Simulation.Continuous;

/// <summary>The run-level tallies of a continuous run: request metrics, token gaps, iterations, KV usage, SLOs.</summary>
internal sealed class ContinuousStats
{
    private readonly SequenceTable _seq;
    private readonly ContinuousOptions _options;
    private readonly ContinuousTimeline? _timeline;
    private readonly RequestTimeline? _requests;

    public ContinuousStats(SequenceTable seq, ContinuousOptions options, double dSla, int count, ContinuousTimeline? timeline, RequestTimeline? requests)
    {
        _seq = seq;
        _options = options;
        _timeline = timeline;
        _requests = requests;
        Requests = new MetricsAccumulator(count, dSla);
        int withTokens = 0;
        for (int i = 0; i < count; i++)
        {
            withTokens += seq.Output[i] > 0 ? 1 : 0;
        }

        Ttft = new double[withTokens];
    }

    public MetricsAccumulator Requests { get; }

    /// <summary>TTFT of every request with at least one output token, in the order the first tokens appear.</summary>
    public double[] Ttft { get; }

    public int TtftCount { get; private set; }

    public TbtHistogram Gaps { get; } = new();

    /// <summary>Sum of (completion - first token) over requests with >= 2 output tokens: the sum of all token gaps.</summary>
    public double GapSum { get; private set; }

    public long GapCount { get; private set; }

    public double TpotSum { get; private set; }

    public long TpotCount { get; private set; }

    public long SloMet { get; private set; }

    /// <summary>Completed requests whose TPOT exceeded the TPOT SLO (token-level SLA).</summary>
    public long TpotViolations { get; private set; }

    public long Preemptions { get; private set; }

    /// <summary>Prompt tokens of requests at their first admission (the prefix cache's queries).</summary>
    public long PrefixQueryTokens { get; private set; }

    /// <summary>Of <see cref="PrefixQueryTokens"/>, those served from the prefix cache.</summary>
    public long PrefixHitTokens { get; private set; }

    /// <summary>Prompt (and recomputed) tokens processed by prefill iterations.</summary>
    public long PrefillTokensComputed { get; private set; }

    /// <summary>A request's first admission looked its prompt up in the prefix cache and found <paramref name="hitTokens"/> tokens.</summary>
    public void PrefixLookup(int promptTokens, long hitTokens)
    {
        PrefixQueryTokens += promptTokens;
        PrefixHitTokens += hitTokens;
    }

    /// <summary>A prefill iteration processed <paramref name="tokens"/> tokens of one request.</summary>
    public void PrefillComputed(int tokens) => PrefillTokensComputed += tokens;

    public long Iterations { get; private set; }

    public long SequenceIterations { get; private set; }

    public int MinSequences { get; private set; } = int.MaxValue;

    public int MaxSequences { get; private set; }

    /// <summary>Sum over iterations of the fraction of the replica's blocks in use during the iteration.</summary>
    public double KvUtilizationSum { get; private set; }

    public double KvUtilizationMax { get; private set; }

    public double LastIterationEnd { get; set; }

    public void Reject(int request)
    {
        Requests.Reject();
        _seq.State[request] = SequenceState.Rejected;
        if (_requests is not null)
        {
            _requests.Gpu[request] = RequestTimeline.Rejected; // shared with the continuous timeline
        }
    }

    public void Admitted(int request, int replica, double now)
    {
        if (double.IsNaN(_seq.Admitted[request]))
        {
            _seq.Admitted[request] = now; // the request timeline's start column when one is recorded
            if (_requests is not null)
            {
                _requests.Gpu[request] = replica;
            }
        }
    }

    public void FirstToken(int request, double time)
    {
        _seq.FirstToken[request] = time; // the continuous timeline's column when one is recorded
        Ttft[TtftCount++] = time - _seq.Arrival[request];
    }

    public void Gap(double gap, long count) => Gaps.Add(gap, count);

    public void GapSeries(double first, double step, long iterations, long sequences) => Gaps.AddSeries(first, step, iterations, sequences);

    public void Preempted(int request)
    {
        Preemptions++;
        if (_timeline is not null)
        {
            _timeline.Preemptions[request]++;
        }
    }

    public void Iteration(long iterations, int sequences)
    {
        Iterations += iterations;
        SequenceIterations += iterations * sequences;
        MinSequences = Math.Min(MinSequences, sequences);
        MaxSequences = Math.Max(MaxSequences, sequences);
    }

    /// <summary>
    /// Iterations whose used blocks sum to <paramref name="usedSum"/>, the largest being <paramref name="usedMax"/>, of <paramref name="total"/>.
    /// </summary>
    public void Kv(double usedSum, long usedMax, long total)
    {
        KvUtilizationSum += usedSum / total;
        KvUtilizationMax = Math.Max(KvUtilizationMax, (double)usedMax / total);
    }

    public void Complete(int request, double time)
    {
        _seq.State[request] = SequenceState.Done;
        double arrival = _seq.Arrival[request];
        int output = _seq.Output[request];
        Requests.Complete(arrival, _seq.Admitted[request], time, _seq.Prompt[request] + output);
        double first = _seq.FirstToken[request];
        bool ttftMet = (output == 0 ? time : first) - arrival <= _options.SloTtft;
        bool tpotMet = true;
        if (output >= 2)
        {
            double tpot = (time - first) / (output - 1);
            TpotSum += tpot;
            TpotCount++;
            GapSum += time - first;
            GapCount += output - 1;
            tpotMet = tpot <= _options.SloTpot;
            TpotViolations += tpotMet ? 0 : 1;
        }

        if (ttftMet && tpotMet)
        {
            SloMet++;
        }

        if (time > LastIterationEnd)
        {
            LastIterationEnd = time;
        }

        if (_requests is not null)
        {
            _requests.Completion[request] = time; // shared with the continuous timeline
        }
    }
}
