using System.Runtime.CompilerServices;
using MultiBinSim.Workloads;

namespace MultiBinSim.Scheduling;

/// <summary>
/// Sizes batches as min(b_mem, b_SLA), one (statistics, controller) pair per group: a single group for
/// dynamic_no_bins, one per bin for multi_bin_dynamic. Then trims from the end until the batch fits GPU memory.
/// </summary>
public sealed class DynamicBatcher : IBatchSizer
{
    /// <summary>The <see cref="SchedulerOptions"/> properties a dynamic batcher reads.</summary>
    public static IReadOnlyList<string> ParameterNames { get; } =
    [
        nameof(SchedulerOptions.BMin),
        nameof(SchedulerOptions.BMax),
        nameof(SchedulerOptions.CandidatePool),
        nameof(SchedulerOptions.SlaEpsilon),
        nameof(SchedulerOptions.MemoryAlgorithm),
        nameof(SchedulerOptions.MemoryEpsilon),
        nameof(SchedulerOptions.SlaAlgorithm),
        nameof(SchedulerOptions.SlaAlpha),
        nameof(SchedulerOptions.SlaDelta),
        nameof(SchedulerOptions.SlaSignal),
    ];

    private readonly SchedulerOptions _options;
    private readonly RequestColumns _columns;
    private readonly BatchStatistics[] _statistics;
    private readonly ISlaController[] _controllers;
    private readonly double _theta;

    /// <summary>A batcher over explicit columns (tests).</summary>
    public DynamicBatcher(SchedulerOptions options, int groups, int[] promptTokens, int[] outputTokens, double[] arrivals)
        : this(options, groups, RequestColumns.Of(promptTokens, outputTokens, arrivals: arrivals)) { }

    public DynamicBatcher(SchedulerOptions options, int groups, RequestColumns columns)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(columns);
        _options = options;
        _columns = columns;
        _statistics = new BatchStatistics[groups];
        _controllers = new ISlaController[groups];
        // theta = Phi^-1(1 - eps_M): the paper's memory algorithm accepts an eps_M chance of overflowing.
        _theta = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 1 - options.MemoryEpsilon);
        for (int g = 0; g < groups; g++)
        {
            _statistics[g] = new BatchStatistics();
            _controllers[g] =
                options.SlaAlgorithm == SlaAlgorithm.Paper
                    ? new PaperSlaController(options.DSla, options.SlaEpsilon, options.BMin, options.BMax, options.SlaAlpha, options.SlaDelta)
                    : new SlaController(options.DSla, options.SlaEpsilon, options.BMin, options.BMax);
        }
    }

    public int MaxBatchSize => Math.Min(_options.BMax, _options.CandidatePool);

    public ISlaController Controller(int group) => _controllers[group];

    public BatchStatistics Statistics(int group) => _statistics[group];

    /// <summary>Takes the next batch from the front of <paramref name="queue"/> (which must not be empty).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int FormBatch(RequestQueue queue, int group, Span<int> batch)
    {
        int candidates = Math.Min(_options.CandidatePool, queue.Count);
        var stats = _statistics[group];
        int bMem =
            _options.MemoryAlgorithm == MemoryAlgorithm.Paper
                ? _options.Memory.PaperMemoryBatchSize(stats.MeanTokens, stats.TokenVariance, _theta, _options.BMax)
                : _options.Memory.MemoryBatchSize(stats.AveragePromptTokens, stats.AverageOutputTokens, _options.BMax);
        int bSla = _controllers[group].NextBatchSize();
        int size = Math.Min(Math.Min(bMem, bSla), candidates);

        // Memory uses true lengths: the simulator knows them; predictions only choose bins.
        var prompt = _columns.Prompt;
        var output = _columns.Output;
        long tokens = 0;
        for (int i = 0; i < size; i++)
        {
            int r = queue.PeekAt(i);
            tokens += (long)prompt[r] + output[r];
        }

        while (size > 1 && !_options.Memory.Fits(tokens))
        {
            size--;
            int r = queue.PeekAt(size);
            tokens -= (long)prompt[r] + output[r];
        }

        queue.DequeueInto(batch[..size]);
        return size;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void OnBatchCompleted(int group, ReadOnlySpan<int> batch, double serviceTime, double completion)
    {
        // Only the chosen algorithms' inputs are gathered: this runs once per completed batch in the event loop.
        bool perRequestStatistics = _options.MemoryAlgorithm == MemoryAlgorithm.Paper;
        bool latencySignal = _options.SlaSignal == SlaSignal.RequestLatency;
        double prompt = 0,
            output = 0,
            latency = 0;
        var stats = _statistics[group];
        var prompts = _columns.Prompt;
        var outputs = _columns.Output;
        var arrivals = _columns.Arrivals;
        foreach (int r in batch)
        {
            prompt += prompts[r];
            output += outputs[r];
            if (latencySignal)
            {
                latency += completion - arrivals[r];
            }

            if (perRequestStatistics)
            {
                stats.AddRequest(prompts[r], outputs[r]);
            }
        }

        stats.Update(prompt / batch.Length, output / batch.Length);
        double signal = latencySignal ? latency / batch.Length : serviceTime;
        _controllers[group].Update(signal, batch.Length);
    }

    int IBatchSizer.Take(RequestQueue queue, int group, Span<int> batch) => FormBatch(queue, group, batch);
}
