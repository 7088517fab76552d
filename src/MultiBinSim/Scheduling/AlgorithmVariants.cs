namespace MultiBinSim.Scheduling;

/// <summary>How b_mem is computed.</summary>
public enum MemoryAlgorithm
{
    /// <summary>The original simulator's: floor((eta - 0.1 eta) / (avg prompt + avg output)) from batch-mean EMAs.</summary>
    Heuristic,

    /// <summary>Algorithm 1 of arXiv 2503.05248: the largest b with b mu + theta sqrt(b) sigma &lt;= eta (running mean and variance).</summary>
    Paper,
}

/// <summary>How b_SLA is computed.</summary>
public enum SlaAlgorithm
{
    /// <summary>The original simulator's variant of Algorithm 2 (dead band D +/- 2 eps, moves scaled by the average batch).</summary>
    Heuristic,

    /// <summary>Algorithm 2 of arXiv 2503.05248 as written: interval moves by alpha and delta around the last batch size.</summary>
    Paper,
}

/// <summary>What the SLA controller compares with D_SLA.</summary>
public enum SlaSignal
{
    /// <summary>The batch's service time (completion - start): the original simulator's signal.</summary>
    BatchServiceTime,

    /// <summary>The batch's mean request latency (completion - arrival: queueing plus service), which the SLA is about.</summary>
    RequestLatency,
}
