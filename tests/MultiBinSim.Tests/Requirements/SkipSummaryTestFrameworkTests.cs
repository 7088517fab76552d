using Xunit.Runner.Common;
using Xunit.Sdk;
using Xunit.v3;

namespace MultiBinSim.Tests.Requirements;

/// <summary>
/// Discovery through <see cref="SkipSummaryTestFramework"/> on small classes (internal, so a normal run does not
/// discover them): tests with an unmet requirement become one skipped test per class and reason that counts every
/// test and data row, and everything else is discovered as xunit discovers it.
/// </summary>
public class SkipSummaryTestFrameworkTests
{
    [Fact]
    public async Task Tests_with_an_unmet_requirement_are_one_skipped_test_that_counts_every_data_row()
    {
        var cases = await Discover(typeof(Mixed));

        var skipped = Assert.Single(cases, c => c.SkipReason is not null);
        // 1 fact + 3 inline rows + 2 rows that xunit lists only when it runs the theory (they do not serialize).
        Assert.Equal($"6 tests in {typeof(Mixed).FullName}", skipped.TestCaseDisplayName);
        Assert.Equal("did not run: " + NeverMetAttribute.Reason, skipped.SkipReason);
        Assert.Equal(["Met", "Runs"], cases.Where(c => c.SkipReason is null).Select(c => c.TestMethod!.MethodName).Order());
    }

    [Fact]
    public async Task A_requirement_on_the_class_gates_every_test_and_each_reason_is_its_own_group()
    {
        var cases = await Discover(typeof(GatedClass));

        Assert.All(cases, c => Assert.NotNull(c.SkipReason));
        Assert.Equal(
            [
                ("1 test in " + typeof(GatedClass).FullName, "did not run: " + OtherNeverMetAttribute.Reason),
                ("2 tests in " + typeof(GatedClass).FullName, "did not run: " + NeverMetAttribute.Reason),
            ],
            cases.Select(c => (c.TestCaseDisplayName, c.SkipReason!)).Order()
        );
    }

    [Fact]
    public async Task Where_every_requirement_is_met_discovery_is_xunits()
    {
        var ours = await Discover(typeof(AllMet));
        var xunits = await Discover(typeof(AllMet), new XunitTestFramework());

        Assert.Equal(4, ours.Count);
        Assert.Equal(
            xunits.Select(c => (c.TestCaseDisplayName, c.UniqueID, c.SkipReason)).Order(),
            ours.Select(c => (c.TestCaseDisplayName, c.UniqueID, c.SkipReason)).Order()
        );
    }

    private static async Task<List<ITestCase>> Discover(Type testClass, ITestFramework? framework = null)
    {
        var discoverer = (framework ?? new SkipSummaryTestFramework()).GetDiscoverer(typeof(SkipSummaryTestFrameworkTests).Assembly);
        var cases = new List<ITestCase>();
        await discoverer.Find(
            testCase =>
            {
                cases.Add(testCase);
                return new ValueTask<bool>(true);
            },
            TestFrameworkOptions.ForDiscovery(new TestAssemblyConfiguration { PreEnumerateTheories = true }),
            [testClass]
        );
        return cases;
    }

    internal sealed class NeverMetAttribute : RequirementAttribute
    {
        public const string Reason = "the test needs the moon.";

        public override string? Unmet => Reason;
    }

    internal sealed class OtherNeverMetAttribute : RequirementAttribute
    {
        public const string Reason = "the test needs the sun.";

        public override string? Unmet => Reason;
    }

    internal sealed class MetAttribute : RequirementAttribute
    {
        public override string? Unmet => null;
    }

#pragma warning disable xUnit1000 // internal on purpose: only these tests discover the classes below, a normal run does not
    /// <summary>Values xunit cannot serialize, so it lists the theory's rows only when it runs it.</summary>
    internal sealed class Opaque;

    internal sealed class Mixed
    {
        public static TheoryData<Opaque> Opaques() => [new Opaque(), new Opaque()];

        [Fact]
        public void Runs() { }

        [Met]
        [Fact]
        public void Met() { }

        [NeverMet]
        [Fact]
        public void Gated_fact() { }

        [NeverMet]
        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void Gated_theory(int row) => Assert.True(row > 0);

        [NeverMet]
        [Theory]
        [MemberData(nameof(Opaques))]
        public void Gated_theory_listed_at_run_time(Opaque row) => Assert.NotNull(row);
    }

    [NeverMet]
    internal sealed class GatedClass
    {
        [Fact]
        public void One() { }

        [Theory]
        [InlineData(1)]
        public void Two(int row) => Assert.True(row > 0);

        [OtherNeverMet]
        [Fact]
        public void Three() { }
    }

    [Met]
    internal sealed class AllMet
    {
        [Fact]
        public void One() { }

        [Met]
        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        public void Two(int row) => Assert.True(row > 0);

        [Fact]
        public void Three() { }
    }
#pragma warning restore xUnit1000
}
