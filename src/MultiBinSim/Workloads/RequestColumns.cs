namespace MultiBinSim.Workloads;

/// <summary>
/// The per-request columns a run reads (arrival, prompt, output and predicted lengths), indexed by a request's slot.
/// For an in-memory workload they are the workload's own arrays and a slot is the request's position
/// (<see cref="Workload.Columns"/>); a streamed run keeps only the requests in flight, in a window whose slots are
/// reused and whose arrays grow when more requests are in flight than it has slots (<see cref="RequestWindow"/>).
/// Policies and batchers read the arrays through this object at each use, so a window may replace them; they must not
/// keep the arrays themselves.
/// </summary>
public sealed class RequestColumns
{
    /// <param name="arrivals">Arrival times (s).</param>
    /// <param name="prompt">Prompt lengths (tokens).</param>
    /// <param name="output">True output lengths (tokens).</param>
    /// <param name="predicted">Predicted output lengths (tokens).</param>
    /// <param name="expectedRequests">How many requests a run will hold at once, roughly (initial queue sizes).</param>
    public RequestColumns(double[] arrivals, int[] prompt, int[] output, int[] predicted, int expectedRequests)
    {
        ArgumentNullException.ThrowIfNull(arrivals);
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(predicted);
        (Arrivals, Prompt, Output, Predicted, ExpectedRequests) = (arrivals, prompt, output, predicted, expectedRequests);
    }

    /// <summary>Columns for explicit arrays (tests, hand-built policies): <paramref name="prompt"/>'s length requests.</summary>
    public static RequestColumns Of(int[] prompt, int[] output, int[]? predicted = null, double[]? arrivals = null)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return new RequestColumns(arrivals ?? new double[prompt.Length], prompt, output, predicted ?? new int[prompt.Length], prompt.Length);
    }

    /// <summary>Arrival time (s) by slot.</summary>
    internal double[] Arrivals { get; private set; }

    /// <summary>Prompt tokens by slot.</summary>
    internal int[] Prompt { get; private set; }

    /// <summary>True output tokens by slot.</summary>
    internal int[] Output { get; private set; }

    /// <summary>Predicted output tokens by slot.</summary>
    internal int[] Predicted { get; private set; }

    /// <summary>Sizing hint for queues: the requests a run may hold at once.</summary>
    public int ExpectedRequests { get; }

    /// <summary>Slots available.</summary>
    public int Capacity => Prompt.Length;

    /// <summary>Grows every column to <paramref name="capacity"/> slots, keeping every slot's values.</summary>
    internal void Grow(int capacity)
    {
        var arrivals = Arrivals;
        var prompt = Prompt;
        var output = Output;
        var predicted = Predicted;
        Array.Resize(ref arrivals, capacity);
        Array.Resize(ref prompt, capacity);
        Array.Resize(ref output, capacity);
        Array.Resize(ref predicted, capacity);
        (Arrivals, Prompt, Output, Predicted) = (arrivals, prompt, output, predicted);
    }
}
