using MultiBinSim.Scheduling;

namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// Multi-bin admission (arXiv 2412.04504, Section 3 and Algorithm 1, on the continuous engine): a replica's waiting
/// requests sit in K FIFO bins by predicted output length (equal-mass <see cref="BinBoundaries"/>, as the batch
/// engine's binned schedulers), and each <b>admission round</b> (one policy's admissions at one iteration boundary)
/// admits from one bin only, so that requests admitted together have similar lengths and finish close together.
/// <list type="bullet">
/// <item>The round's bin: the paper serves "a batch from one bin" and the batch engine (<see cref="BinQueues"/>) picks
/// the bin per batch; here a round is the batch. The replica keeps its current bin until a round admits from it;
/// the next round then selects again: round-robin (the next non-empty bin after the last one served, as
/// <see cref="BinQueues.SelectBin"/>) or longest queue (ties to the lowest bin). A bin that empties ends its round
/// (no request of another bin joins a round).</item>
/// <item>Preempted requests (recompute) are tried before any bin, most recently preempted first, as with FCFS; they
/// do not count as the round's admission from a bin.</item>
/// <item>Between rounds that admit nothing, the selection does not change (an arrival to another bin waits for the
/// current bin's head to be admitted); this keeps the closed-form decode stretches exact and gives no bin priority
/// by chance of arrival order.</item>
/// </list>
/// With K = 1 the order is FCFS exactly (tested).
/// </summary>
internal sealed class MultiBinAdmissionOrder : IAdmissionOrder
{
    private readonly FcfsAdmissionOrder _preempted = new();
    private readonly FcfsAdmissionOrder[] _bins;
    private readonly BinBoundaries _boundaries;
    private readonly int[] _predicted;
    private readonly BinSelector _selector;
    private int _current = -1;
    private bool _admittedThisRound;

    public static ContinuousAdmission Kind { get; } =
        new("multi-bin", "K bins by predicted output length, one bin per admission round", usesBins: true, setup => new MultiBinAdmissionOrder(
            setup.Bins!,
            setup.PredictedTokens,
            setup.BinPolicy
        ));

    public MultiBinAdmissionOrder(BinBoundaries boundaries, int[] predictedTokens, BinSelectionPolicy selection)
    {
        _boundaries = boundaries;
        _predicted = predictedTokens;
        _bins = new FcfsAdmissionOrder[boundaries.K];
        var bins = _bins;
        _selector = new BinSelector(selection, boundaries.K, bin => bins[bin].Count);
        for (int i = 0; i < _bins.Length; i++)
        {
            _bins[i] = new FcfsAdmissionOrder();
        }
    }

    public int Count { get; private set; }

    /// <summary>The bin the current round admits from; -1 before the first selection.</summary>
    public int CurrentBin => _current;

    public void Enqueue(int request)
    {
        _bins[_boundaries.Locate(_predicted[request])].Enqueue(request);
        Count++;
    }

    public void PushFront(int request)
    {
        _preempted.PushFront(request);
        Count++;
    }

    public void BeginRound()
    {
        if (_admittedThisRound)
        {
            _current = -1;
            _admittedThisRound = false;
        }
    }

    public bool TryPeek(out int request)
    {
        if (_preempted.TryPeek(out request))
        {
            return true;
        }

        if (_current < 0 || _bins[_current].Count == 0)
        {
            if (_admittedThisRound || !Select())
            {
                request = -1;
                return false;
            }
        }

        return _bins[_current].TryPeek(out request);
    }

    public void RemoveHead()
    {
        Count--;
        if (_preempted.Count > 0)
        {
            _preempted.RemoveHead();
            return;
        }

        _bins[_current].RemoveHead();
        _admittedThisRound = true;
    }

    private bool Select()
    {
        _current = _selector.Next();
        return _current >= 0;
    }
}
