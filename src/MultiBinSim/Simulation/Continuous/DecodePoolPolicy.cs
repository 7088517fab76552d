namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// A disaggregated decode replica (<see cref="DisaggregationOptions"/>; README, "Prefill/decode disaggregation"). At
/// each boundary: the decodes' next blocks first (preempting the latest admitted by recompute when one is missing, as
/// vLLM does); then, unless that preempted, waiting requests in the decode admission order (FCFS by default) while
/// fewer than the decode max-num-seqs run and the head's blocks fit beside the decodes' next ones. A request whose KV cache arrived over the link needs the
/// blocks of its prompt plus the slot its next token is stored in, and joins the decode batch at once; a request
/// preempted here lost its KV cache and recomputes prompt and generated tokens in this replica's next iteration (the
/// decode step model's prefill terms). Every iteration decodes all decoding sequences.
/// </summary>
internal sealed class DecodePoolPolicy(SequenceTable seq, long kvBlocks, int blockSize) : IIterationPolicy
{
    public bool ReservesOutput => false;

    public bool PreemptsLatestAdmitted => true;

    public bool AdmitsIntoRunningBatch => true;

    /// <summary>Its largest context (prompt + output - 1 tokens, or their recompute) fits the replica's blocks.</summary>
    public bool CanEverFit(int prompt, int output) => ((long)prompt + Math.Max(output - 1, 0) + blockSize - 1) / blockSize <= kvBlocks;

    public void Plan(ReplicaState replica, double now)
    {
        replica.Waiting.BeginRound();
        bool preempted = replica.EnsureDecodeBlocks();
        long decodeNeed = replica.DecodeBlocksNeeded;
        bool admitted = false;
        while (!preempted && replica.Running < replica.MaxNumSeqs && replica.Waiting.TryPeek(out int r))
        {
            // Generated stays 0 until a decode replica preempts the request: then its KV cache is gone.
            bool transferred = seq.Generated[r] == 0;
            int tokens = seq.Prompt[r] + seq.Generated[r];
            long blocks = replica.Kv.BlocksFor(transferred ? tokens + 1L : tokens);
            if (blocks > replica.Kv.Free - decodeNeed)
            {
                break;
            }

            replica.Waiting.RemoveHead();
            admitted = true;
            if (transferred)
            {
                replica.AdmitTransferred(r, now);
            }
            else if (seq.Slots is not null)
            {
                replica.AdmitChunked(r, 0, now);
                replica.AllocateChunk(r, tokens, blocks);
                replica.SchedulePrefill(r, tokens);
            }
            else
            {
                replica.Admit(r, blocks, now);
                replica.SchedulePrefill(r, tokens);
            }

            decodeNeed = replica.DecodeBlocksNeeded;
        }

        if ((preempted || admitted) && replica.Waiting.Count > 0)
        {
            // The next boundary admits what this one did not: after a preemption, or in a new admission round (a
            // multi-bin order then selects its bin again, so a stretch of decodes would miss that round).
            replica.PlanSingleIteration();
        }

        replica.PlanDecode(replica.DecodeCount > 0);
    }
}
