namespace MultiBinSim.Tests.Requirements;

/// <summary>
/// Something a test class or test method needs from the machine (the genuine traces in ../shared, Chromium, Slurm).
/// Where it is missing, <see cref="SkipSummaryTestFramework"/> runs none of the tests that need it and reports them
/// as one skipped entry per class that names how many did not run and why, instead of one skip notice per test and
/// data row.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public abstract class RequirementAttribute : Attribute
{
    /// <summary>Why the tests cannot run on this machine (one sentence, with how to fix it), or null when they can.</summary>
    public abstract string? Unmet { get; }
}
