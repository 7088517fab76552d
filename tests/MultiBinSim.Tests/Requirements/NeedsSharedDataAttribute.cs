namespace MultiBinSim.Tests.Requirements;

/// <summary>The tests read the genuine traces in ../shared (<see cref="SharedData"/>), which a fresh clone lacks.</summary>
public sealed class NeedsSharedDataAttribute : RequirementAttribute
{
    public override string? Unmet =>
        SharedData.Root is null
            ? "../shared is not present beside the project root; these tests read its genuine trace data (never copied into the repo)."
            : null;
}
