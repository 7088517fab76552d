namespace MultiBinSim.Simulation.Continuous.Dynamic;

/// <summary>How <see cref="SlaBatchSizeSearch"/> turns its observations into b_SLA (README, "Dynamic batching").</summary>
public enum SlaSearchMode
{
    /// <summary>Algorithm 2 of arXiv 2503.05248 as published: b_SLA = floor((b_low + b_high) / 2), clamped (lines 14-15).</summary>
    Paper,

    /// <summary>
    /// Algorithm 2's interval and midpoint, further capped by the largest batch the last observation predicts to meet
    /// D_SLA (<see cref="SlaBatchSizeSearch.Guard"/>), so one admission round cannot overshoot D_SLA.
    /// </summary>
    Guarded,
}
