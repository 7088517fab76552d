using MultiBinSim.Tests.Requirements;

namespace MultiBinSim.Tests.Charts;

/// <summary>The tests render pages in headless Chromium (<see cref="HeadlessChromium"/>), found on PATH.</summary>
public sealed class NeedsChromiumAttribute : RequirementAttribute
{
    public override string? Unmet => HeadlessChromium.Executable is null ? HeadlessChromium.NotInstalled : null;
}
