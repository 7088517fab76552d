using MultiBinSim.Scheduling;

namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// Which waiting request a replica tries to admit next (README, "Multi-bin admission"), as configurations and the
/// command line name it: a descriptor, declared beside each admission order (a static <c>Kind</c>) and registered
/// once in <see cref="AdmissionOrders.All"/>.
/// </summary>
public sealed class ContinuousAdmission : ContinuousKind
{
    private readonly Func<AdmissionSetup, IAdmissionOrder> _create;

    internal ContinuousAdmission(string name, string description, bool usesBins, Func<AdmissionSetup, IAdmissionOrder> create)
        : base(name, description)
    {
        UsesBins = usesBins;
        _create = create;
    }

    /// <summary>First come, first served (preempted requests first).</summary>
    public static ContinuousAdmission Fcfs => FcfsAdmissionOrder.Kind;

    /// <summary>
    /// Multi-bin batching at iteration level (arXiv 2412.04504 on the continuous engine): waiting requests sit in K bins
    /// by predicted output length, and each admission round admits from one bin only (<see cref="MultiBinAdmissionOrder"/>).
    /// </summary>
    public static ContinuousAdmission MultiBin => MultiBinAdmissionOrder.Kind;

    /// <summary>Whether the order reads the predictions through K bins (<c>Scheduler.K</c>, <c>Scheduler.BinPolicy</c>); FCFS does not.</summary>
    public bool UsesBins { get; }

    /// <summary>A new waiting queue for one replica.</summary>
    internal IAdmissionOrder Create(AdmissionSetup setup) => _create(setup);
}

/// <summary>What an admission order may read: the run's bins (null when the order uses none), predictions and bin rule.</summary>
internal sealed record AdmissionSetup(BinBoundaries? Bins, int[] PredictedTokens, BinSelectionPolicy BinPolicy);
