namespace MultiBinSim.Simulation.Continuous;

/// <summary>Which waiting request a replica tries to admit next (README, "Multi-bin admission").</summary>
public enum ContinuousAdmission
{
    /// <summary>First come, first served (preempted requests first).</summary>
    Fcfs,

    /// <summary>
    /// Multi-bin batching at iteration level (arXiv 2412.04504 on the continuous engine): waiting requests sit in K bins
    /// by predicted output length, and each admission round admits from one bin only (<see cref="MultiBinAdmissionOrder"/>).
    /// </summary>
    MultiBin,
}

/// <summary>Names of <see cref="ContinuousAdmission"/> values as configurations and the command line spell them.</summary>
public static class ContinuousAdmissionNames
{
    /// <summary>Every name, in enum order.</summary>
    public static IReadOnlyList<string> All { get; } = ["fcfs", "multi-bin"];

    /// <summary>The name of <paramref name="admission"/>.</summary>
    public static string Name(ContinuousAdmission admission) => All[(int)admission];

    /// <summary>The admission named <paramref name="name"/>; null when there is none.</summary>
    public static ContinuousAdmission? TryParse(string name)
    {
        for (int i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return (ContinuousAdmission)i;
            }
        }

        return null;
    }
}
