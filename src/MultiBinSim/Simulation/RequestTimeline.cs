namespace MultiBinSim.Simulation;

/// <summary>What happened to each request of a run: when its batch started and completed, on which GPU, or that it was rejected.</summary>
public sealed class RequestTimeline
{
    public const int Rejected = -1;
    public const int NotServed = -2;

    internal RequestTimeline(int count)
    {
        Start = new double[count];
        Completion = new double[count];
        Gpu = new int[count];
        Array.Fill(Gpu, NotServed);
    }

    /// <summary>Start of service (the batch's start), seconds.</summary>
    public double[] Start { get; }

    /// <summary>Completion (the batch's end), seconds.</summary>
    public double[] Completion { get; }

    /// <summary>The GPU that served the request; <see cref="Rejected"/> when it could not fit memory even alone.</summary>
    public int[] Gpu { get; }
}
