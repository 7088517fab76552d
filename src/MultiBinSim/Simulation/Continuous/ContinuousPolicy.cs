namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// A continuous-batching iteration policy as configurations and the command line name it: a descriptor, as
/// <see cref="Scheduling.SchedulerKind"/> is for the batch engine's schedulers. Each policy declares its descriptor
/// beside its implementation (a static <c>Kind</c>, made by <see cref="Create{TOptions}"/>) and is registered once in
/// <see cref="ContinuousPolicies.All"/>; nothing else lists policies (README, "Extending"). A policy reads only its own
/// options record (<see cref="PolicyOptions"/>, e.g. <see cref="SarathiOptions"/>), which its descriptor resolves from
/// the run's <see cref="ContinuousOptions"/> and which validates and reports the policy's values.
/// </summary>
public sealed class ContinuousPolicy : ContinuousKind
{
    private readonly Func<ContinuousOptions, PolicyOptions> _options;
    private readonly Func<PolicyOptions, SequenceTable, long, IIterationPolicy> _create;

    private ContinuousPolicy(
        string name,
        string description,
        Func<ContinuousOptions, PolicyOptions> options,
        Func<PolicyOptions, SequenceTable, long, IIterationPolicy> create,
        bool prefixCaching,
        bool prefixCachingByDefault,
        bool prefillPool
    )
        : base(name, description)
    {
        SupportsPrefixCaching = prefixCaching;
        PrefixCachingByDefault = prefixCaching && prefixCachingByDefault;
        PrefillPool = prefillPool;
        _options = options;
        _create = create;
    }

    /// <summary>A policy's descriptor.</summary>
    /// <param name="name">Its name in configurations, result rows and on the command line.</param>
    /// <param name="description">One line for help texts.</param>
    /// <param name="options">Its own options, resolved from a run's options.</param>
    /// <param name="create">Its fast-engine implementation for one run (its options, the run's sequences, KV blocks per replica).</param>
    /// <param name="prefixCaching">Whether it implements automatic prefix caching.</param>
    /// <param name="prefixCachingByDefault">Whether caching is on unless turned off.</param>
    /// <param name="prefillPool">Whether it can run a disaggregated prefill pool.</param>
    internal static ContinuousPolicy Create<TOptions>(
        string name,
        string description,
        Func<ContinuousOptions, TOptions> options,
        Func<TOptions, SequenceTable, long, IIterationPolicy> create,
        bool prefixCaching = false,
        bool prefixCachingByDefault = false,
        bool prefillPool = false
    )
        where TOptions : PolicyOptions =>
        new(name, description, options, (o, seq, kv) => create((TOptions)o, seq, kv), prefixCaching, prefixCachingByDefault, prefillPool);

    /// <summary>vLLM's v0 scheduler (<see cref="VllmPolicy"/>).</summary>
    public static ContinuousPolicy Vllm => VllmPolicy.Kind;

    /// <summary>vLLM's v1 scheduler: one token budget, chunked prefill always on, prefix caching (<see cref="VllmV1Policy"/>).</summary>
    public static ContinuousPolicy VllmV1 => VllmV1Policy.Kind;

    /// <summary>Sarathi-Serve's chunked prefill (<see cref="SarathiPolicy"/>).</summary>
    public static ContinuousPolicy Sarathi => SarathiPolicy.Kind;

    /// <summary>Orca: no paging, prompt + output reserved at admission (<see cref="OrcaPolicy"/>).</summary>
    public static ContinuousPolicy Orca => OrcaPolicy.Kind;

    /// <summary>Static batching at iteration level (<see cref="StaticPolicy"/>).</summary>
    public static ContinuousPolicy Static => StaticPolicy.Kind;

    /// <summary>Whether the policy implements automatic prefix caching (<see cref="ContinuousOptions.PrefixCaching"/> may turn it on).</summary>
    public bool SupportsPrefixCaching { get; }

    /// <summary>
    /// Whether caching is on when <see cref="ContinuousOptions.PrefixCaching"/> is not set (vllm-v1, as vLLM v1 has it
    /// on by default; sarathi implements it but keeps it off by default, so its earlier numbers stand).
    /// </summary>
    public bool PrefixCachingByDefault { get; }

    /// <summary>Whether a run of this policy caches prefixes when <see cref="ContinuousOptions.PrefixCaching"/> is <paramref name="setting"/>.</summary>
    public bool CachesPrefixes(bool? setting) => SupportsPrefixCaching && (setting ?? PrefixCachingByDefault);

    /// <summary>
    /// Whether the policy can run a disaggregated prefill pool (<see cref="DisaggregationOptions"/>): it allocates KV for
    /// what it computes, not for the output (which the decode pool produces).
    /// </summary>
    public bool PrefillPool { get; }

    /// <summary>The policy's own options in a run of <paramref name="options"/>.</summary>
    public PolicyOptions OptionsOf(ContinuousOptions options) => _options(options);

    /// <summary>Records the policy's own constraints on <paramref name="options"/> (property names relative to <see cref="ContinuousOptions"/>).</summary>
    internal void Validate(ContinuousOptions options, Errors.ValidationErrors errors) => OptionsOf(options).Validate(errors);

    /// <summary>The policy's fast-engine implementation for one run.</summary>
    internal IIterationPolicy Create(ContinuousOptions options, SequenceTable seq, long kvBlocks) => _create(OptionsOf(options), seq, kvBlocks);
}
