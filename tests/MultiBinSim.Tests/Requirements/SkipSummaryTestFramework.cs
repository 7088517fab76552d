using System.Reflection;
using MultiBinSim.Tests.Requirements;
using Xunit.Sdk;
using Xunit.v3;

[assembly: TestFramework(typeof(SkipSummaryTestFramework))]

namespace MultiBinSim.Tests.Requirements;

/// <summary>
/// xunit's own test framework, except in discovery: the tests of a class that carry an unmet
/// <see cref="RequirementAttribute"/> (on the class or the method) are not run; the class reports them as one skipped
/// test, "N tests in Class", whose reason says why, so `dotnet test` on a fresh clone prints one line per group rather
/// than one notice per test and data row. Where every requirement is met, discovery is xunit's, test for test.
/// </summary>
public sealed class SkipSummaryTestFramework : XunitTestFramework
{
    protected override ITestFrameworkDiscoverer CreateDiscoverer(Assembly assembly) =>
        new Discoverer(((XunitTestFrameworkDiscoverer)base.CreateDiscoverer(assembly)).TestAssembly);

    /// <summary>The reason the test case cannot run here (its method's requirements first, then its class's), or null.</summary>
    public static string? Unmet(IXunitTestCase testCase) =>
        testCase
            .TestMethod.Method.GetCustomAttributes<RequirementAttribute>()
            .Concat(testCase.TestClass.Class.GetCustomAttributes<RequirementAttribute>())
            .Select(r => r.Unmet)
            .FirstOrDefault(reason => reason is not null);

    private sealed class Discoverer(IXunitTestAssembly testAssembly) : XunitTestFrameworkDiscoverer(testAssembly)
    {
        protected override async ValueTask<bool> FindTestsForType(
            IXunitTestClass testClass,
            ITestFrameworkDiscoveryOptions discoveryOptions,
            Func<ITestCase, ValueTask<bool>> discoveryCallback
        )
        {
            // Discovered as usual, so the count is the number of tests (data rows included) that would have run.
            var skipped = new Dictionary<string, (IXunitTestCase First, int Count)>();
            var delayed = new List<(string Reason, IXunitTestCase TestCase)>();
            bool more = await base.FindTestsForType(testClass, discoveryOptions, testCase =>
            {
                string? reason = testCase is IXunitTestCase xunitCase ? Unmet(xunitCase) : null;
                if (reason is null)
                {
                    return discoveryCallback(testCase);
                }

                var gated = (IXunitTestCase)testCase;
                skipped[reason] = skipped.TryGetValue(reason, out var group) ? (group.First, group.Count + 1) : (gated, 1);
                if (gated is XunitDelayEnumeratedTheoryTestCase)
                {
                    delayed.Add((reason, gated));
                }

                return new ValueTask<bool>(true);
            });

            foreach (var (reason, theory) in delayed)
            {
                // A theory whose rows xunit enumerates only when it runs (rows it cannot serialize): count them now.
                skipped[reason] = (skipped[reason].First, skipped[reason].Count - 1 + await RowCount(theory));
            }

            foreach (var (reason, (first, count)) in skipped)
            {
                if (!more)
                {
                    break;
                }

                // Attached to the group's first test method (a class filter selects it); the id is that method's.
                more = await discoveryCallback(
                    new XunitTestCase(
                        first.TestMethod,
                        $"{count} {(count == 1 ? "test" : "tests")} in {testClass.TestClassName}",
                        UniqueIDGenerator.ForTestCase(first.TestMethod.UniqueID, null, null),
                        @explicit: false,
                        skipReason: $"did not run: {reason}"
                    )
                );
            }

            return more;
        }

        private static async ValueTask<int> RowCount(IXunitTestCase theory)
        {
            await using var disposalTracker = new DisposalTracker();
            int rows = 0;
            try
            {
                foreach (var data in theory.TestMethod.DataAttributes)
                {
                    rows += (await data.GetData(theory.TestMethod.Method, disposalTracker)).Count;
                }
            }
            catch (Exception)
            {
                return 1; // rows that need what is missing to be listed: the theory counts as one test
            }

            return Math.Max(rows, 1);
        }
    }
}
