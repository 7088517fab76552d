namespace MultiBinSim.Simulation.Continuous;

/// <summary>Where a request is in its life on the continuous engine.</summary>
internal enum SequenceState : byte
{
    NotArrived,
    Waiting,
    Prefilling,
    Decoding,

    /// <summary>Disaggregation: prefilled, its KV cache on the link to the decode pool (its prefill replica still holds the blocks).</summary>
    Transferring,
    Done,
    Rejected,
}

/// <summary>
/// Per-request state of one continuous run, struct-of-arrays, indexed like the workload. A decoding sequence's
/// stored context is <c>Base + D</c> of its replica (D = decode iterations the replica has run), so a decode iteration
/// touches no per-sequence entry.
/// </summary>
internal sealed class SequenceTable
{
    /// <param name="firstToken">Array to keep first-token times in (the run's timeline, so it is not allocated twice); null = a new one.</param>
    /// <param name="admitted">Array to keep first admission times in (the request timeline's start column); null = a new one.</param>
    public SequenceTable(double[] arrival, int[] prompt, int[] output, int count, double[]? firstToken = null, double[]? admitted = null)
    {
        Arrival = arrival;
        Prompt = prompt;
        Output = output;
        Base = new long[count];
        Generated = new int[count];
        PrefillLeft = new int[count];
        LastToken = new double[count];
        FirstToken = firstToken ?? new double[count];
        Admitted = admitted ?? new double[count];
        State = new SequenceState[count];
        Joiner = new bool[count];
        Array.Fill(Admitted, double.NaN);
    }

    public double[] Arrival { get; }

    public int[] Prompt { get; }

    public int[] Output { get; }

    /// <summary>Decoding: KV tokens stored minus the replica's decode counter D.</summary>
    public long[] Base { get; }

    /// <summary>Waiting or prefilling: output tokens generated before the current (re)prefill.</summary>
    public int[] Generated { get; }

    /// <summary>Prefilling: prompt (+ recomputed) tokens still to process.</summary>
    public int[] PrefillLeft { get; }

    /// <summary>Time of the request's latest token, kept for sequences whose latest token is not the replica's shared last decode time.</summary>
    public double[] LastToken { get; }

    public double[] FirstToken { get; }

    /// <summary>First time the request was scheduled (admitted); NaN before.</summary>
    public double[] Admitted { get; }

    public SequenceState[] State { get; }

    /// <summary>Entered decode and has not decoded since (its last token time is in <see cref="LastToken"/>).</summary>
    public bool[] Joiner { get; }

    /// <summary>
    /// Policies that allocate KV blocks as tokens are scheduled (vllm-v1): tokens of a waiting or prefilling request that
    /// hold a KV slot (computed or scheduled); null for policies that allocate the whole
    /// prompt at admission.
    /// </summary>
    public int[]? Slots { get; private set; }

    /// <summary>
    /// Policies that preempt the running request scheduled last (vllm-v1): the replica's admission counter at the
    /// request's latest admission; null for policies that preempt the latest arrival.
    /// </summary>
    public long[]? AdmitSeq { get; private set; }

    /// <summary>Prefix caching: leading shared blocks the request references from its replica's <see cref="PrefixCache"/>; null without caching.</summary>
    public int[]? RefShared { get; private set; }

    /// <summary>Prefix caching: the request computed a block that was cached meanwhile and publishes no more blocks.</summary>
    public bool[]? Broken { get; private set; }

    /// <summary>
    /// Allocates <see cref="RefShared"/> and <see cref="Broken"/>, and <see cref="AdmitSeq"/>: requests completing together free their blocks in admission
    /// order.
    /// </summary>
    public void EnablePrefixCaching()
    {
        EnableAdmissionOrder();
        RefShared ??= new int[Prompt.Length];
        Broken ??= new bool[Prompt.Length];
    }

    /// <summary>Allocates <see cref="Slots"/> and <see cref="AdmitSeq"/> (vllm-v1's bookkeeping).</summary>
    public void EnableChunkedAllocation()
    {
        Slots ??= new int[Prompt.Length];
        EnableAdmissionOrder();
    }

    /// <summary>Allocates <see cref="AdmitSeq"/> (replicas that preempt the latest admitted request; prefix caching's release order).</summary>
    public void EnableAdmissionOrder() => AdmitSeq ??= new long[Prompt.Length];
}
