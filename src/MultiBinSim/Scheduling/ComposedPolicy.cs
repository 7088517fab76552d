namespace MultiBinSim.Scheduling;

/// <summary>
/// A batch policy composed of a queue shape and a batch sizer (the 2 x 2 grid of the seed's schedulers: FIFO or bins,
/// fixed or dynamic). A free GPU serves the queue the shape selects; the sizer takes its batch from it; completion
/// feedback goes to the sizer. An empty shape never consults the sizer (a controller changes state on every call).
/// </summary>
public sealed class ComposedPolicy(IQueueShape shape, IBatchSizer sizer) : IBatchPolicy
{
    /// <summary>Where requests wait.</summary>
    public IQueueShape Shape { get; } = shape ?? throw new ArgumentNullException(nameof(shape));

    /// <summary>How many a batch takes.</summary>
    public IBatchSizer Sizer { get; } = sizer ?? throw new ArgumentNullException(nameof(sizer));

    /// <inheritdoc />
    public int MaxBatchSize => Sizer.MaxBatchSize;

    /// <inheritdoc />
    public bool HasWaiting => Shape.HasWaiting;

    /// <inheritdoc />
    public BinBoundaries? Boundaries => Shape.Boundaries;

    /// <inheritdoc />
    public ReadOnlySpan<long> RequestsPerBin => Shape.RequestsPerBin;

    /// <inheritdoc />
    public ReadOnlySpan<long> BatchesPerBin => Shape.BatchesPerBin;

    /// <inheritdoc />
    public void Enqueue(int request) => Shape.Enqueue(request);

    /// <inheritdoc />
    public int FormBatch(Span<int> batch, out int group)
    {
        group = Shape.Select();
        if (group < 0)
        {
            group = 0;
            return 0;
        }

        int size = Sizer.Take(Shape.Queue(group), group, batch);
        Shape.Took(group, size);
        return size;
    }

    /// <inheritdoc />
    public void OnBatchCompleted(int group, ReadOnlySpan<int> batch, double serviceTime, double completion) =>
        Sizer.OnBatchCompleted(group, batch, serviceTime, completion);
}
