using MathNet.Numerics.Statistics;
using MultiBinSim.Simulation.Continuous.Dynamic;
using MultiBinSim.Workloads;

namespace MultiBinSim.Simulation.Continuous;

internal sealed partial class ContinuousRun
{
    /// <summary>
    /// Prefill/decode disaggregation (<see cref="DisaggregationOptions"/>): replicas 0 .. P-1 prefill with the run's
    /// policy, routing and admission order; a request whose prefill ends (its first token) crosses the
    /// <see cref="KvTransferLink"/>; when the transfer ends its prefill replica frees the blocks and the request joins
    /// the waiting queue of the decode replica (P .. P+D-1) the decode routing picks, which admits in the decode
    /// admission order (FCFS by default; <see cref="DecodePoolPolicy"/>), its batch sized by dynamic batching when the
    /// run's batching is dynamic. Events at one time t: iterations ending at t, then transfers ending at t (in
    /// the order they started), then arrivals, then replicas starting.
    /// </summary>
    private sealed class Disaggregated
    {
        private readonly ContinuousRun _run;
        private readonly ReplicaState[] _decodePool;
        private readonly IReplicaRouter _decodeRouter;
        private readonly IIterationPolicy _prefill;
        private readonly IIterationPolicy _decode;
        private readonly int[]? _decodeReplica; // the timeline's columns, when one is recorded
        private readonly double[]? _kvTransfer;

        public Disaggregated(
            ContinuousRun run,
            DisaggregationOptions options,
            SimulationConfig config,
            PrefixBlocks? prefixes,
            AdmissionSetup admission,
            Func<int, IBatchSizeController, IBatchSizeController>? wrapController
        )
        {
            _run = run;
            var seq = run._seq;
            var all = run._options;
            int p = options.PrefillReplicas;
            var prefillOptions = options.PrefillPool(all);
            long prefillKv = options.PrefillKvBlocks ?? run.KvBlocks;
            _prefill = all.Policy.Create(prefillOptions, seq, prefillKv);
            var decodeOptions = options.DecodePool(all);
            long decodeKv = options.DecodeKvBlocks ?? run.KvBlocks;
            _decode = new DecodePoolPolicy(seq, decodeKv, all.BlockSize);
            seq.EnableAdmissionOrder();
            _decodeRouter = options.DecodeRouting.Create();
            Link = new KvTransferLink(options, options.ResolveKvGbPerToken(config.Scheduler.Memory), seq.Prompt.Length);
            for (int i = 0; i < options.Replicas; i++)
            {
                bool prefill = i < p;
                var kv = new KvBlockAllocator(prefill ? prefillKv : decodeKv, all.BlockSize);
                var controller = !prefill && all.Batching == BatchingMode.Dynamic ? new DynamicBatchController(decodeOptions, decodeKv) : null;
                run._policies[i] = prefill ? _prefill : _decode;
                run._replicas[i] = new ReplicaState(
                    i,
                    seq,
                    run.Stats,
                    prefill ? prefillOptions : decodeOptions,
                    kv,
                    false,
                    prefill ? all.Admission.Create(admission) : options.DecodeAdmission.Create(admission)
                )
                {
                    Cache = prefill && prefixes is not null ? new PrefixCache(prefixes, seq, kv) : null,
                    SingleIterations = prefill ? all.Routing.SingleIterations : options.DecodeRouting.SingleIterations,
                    HandOff = prefill ? HandOff : null,
                    Controller = controller is null ? null : wrapController?.Invoke(i, controller) ?? controller,
                    MaxNumSeqs = prefill ? prefillOptions.MaxNumSeqs : controller?.Current ?? decodeOptions.MaxNumSeqs,
                    VictimsByAdmission = !prefill || _prefill.PreemptsLatestAdmitted,
                };
            }

            _decodePool = run._replicas[p..];
            if (run.Continuous is { } timeline)
            {
                _decodeReplica = timeline.DecodeReplica = new int[seq.Prompt.Length];
                Array.Fill(_decodeReplica, -1);
                _kvTransfer = timeline.KvTransfer = new double[seq.Prompt.Length];
                Array.Fill(_kvTransfer, double.NaN);
            }

            Prefill = run._replicas[..p];
        }

        public KvTransferLink Link { get; }

        public ReplicaState[] Prefill { get; }

        public ReplicaState[] Decode => _decodePool;

        /// <summary>The prompt fits a prefill replica and, when it has a second token, its whole context fits a decode replica.</summary>
        public bool CanEverFit(int request)
        {
            int prompt = _run._seq.Prompt[request],
                output = _run._seq.Output[request];
            return _prefill.CanEverFit(prompt, Math.Min(output, 1)) && (output <= 1 || _decode.CanEverFit(prompt, output));
        }

        /// <summary>
        /// Ends every transfer that ends at <paramref name="now"/>: the prefill replica frees its blocks, the request goes to a decode replica.
        /// </summary>
        public void EndTransfers(double now)
        {
            while (Link.NextEnd <= now)
            {
                int request = Link.Finish(out int source);
                var prefill = _run._replicas[source];
                prefill.ReleaseTransferred(request);
                if (!prefill.Busy)
                {
                    _run.MarkToStart(source);
                }

                var decode = _decodePool[_decodeRouter.Pick(_decodePool, request, now)];
                if (_decodeReplica is not null)
                {
                    _decodeReplica[request] = decode.Id;
                    _kvTransfer![request] = now - _run._seq.LastToken[request]; // the prefill's end (its first token)
                }

                _run.Enqueue(decode, request, now);
            }
        }

        /// <summary>Transfer times (prefill end to arrival at the decode pool), mean and 99th percentile (R7).</summary>
        public (double Mean, double P99) TransferTimes()
        {
            if (Link.Count == 0)
            {
                return (0.0, 0.0);
            }

            var times = Link.Times.AsSpan(0, Link.Count).ToArray();
            double sum = 0;
            foreach (double x in times)
            {
                sum += x;
            }

            return (sum / times.Length, ArrayStatistics.QuantileCustomInplace(times, 0.99, QuantileDefinition.R7));
        }

        private void HandOff(ReplicaState replica, int request, double end) => Link.Start(replica.Id, request, _run._seq.Prompt[request], end);
    }
}
