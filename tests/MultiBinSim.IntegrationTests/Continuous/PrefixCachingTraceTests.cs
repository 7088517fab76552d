using System.Text.Json;
using MultiBinSim.Simulation;
using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Tests.Requirements;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Continuous;

/// <summary>
/// Prefix caching on the genuine Mooncake conversation trace (../shared; skipped without it): its hash_ids are real
/// prefix identity (one per 512-token block). The engine's hit rate is compared with the ideal computed from the
/// hash_ids alone, without the library's identity code.
/// </summary>
[NeedsSharedData]
public class PrefixCachingTraceTests
{
    private const string Trace = "data/traces/mooncake_conversation.jsonl";
    private const int BlockSize = 16;

    private static double HitRate(Workload workload, long kvBlocks, int replicas = 1)
    {
        var config = new SimulationConfig
        {
            Engine = ContinuousEngine.EngineName,
            Gpus = replicas,
            Continuous = new ContinuousOptions
            {
                Policy = ContinuousPolicy.VllmV1,
                KvBlocks = kvBlocks,
                BlockSize = BlockSize,
                MaxNumSeqs = 64,
            },
        };
        return SimulationEngines.Run(workload, config, recordTimeline: false).Metrics.PrefixCacheHitRate!.Value;
    }

    /// <summary>
    /// The ideal: each request, in arrival order, reuses the longest prefix of full 16-token blocks that an earlier
    /// request's prompt held (equal hash chains up to the block's 512-token trace block), at most (prompt - 1) / 16
    /// blocks; hit rate = reused tokens / prompt tokens.
    /// </summary>
    private static double IdealHitRate(string path)
    {
        const int per = 512 / BlockSize;
        var rows = File.ReadLines(path)
            .Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e =>
                (
                    Time: e.GetProperty("timestamp").GetDouble(),
                    Prompt: e.GetProperty("input_length").GetInt32(),
                    Hashes: e.GetProperty("hash_ids").EnumerateArray().Select(h => h.GetInt64()).ToArray()
                )
            )
            .Select((r, i) => (r.Time, Index: i, r.Prompt, r.Hashes))
            .OrderBy(r => r.Time)
            .ThenBy(r => r.Index)
            .ToList();
        var seen = new Dictionary<string, long>(); // chain prefix -> most full blocks an earlier prompt held within it
        long hit = 0,
            prompt = 0;
        foreach (var r in rows)
        {
            long best = 0;
            string chain = "";
            for (int d = 1; d <= r.Hashes.Length; d++)
            {
                chain += r.Hashes[d - 1] + ",";
                if (seen.TryGetValue(chain, out long held))
                {
                    best = Math.Max(best, held);
                }

                seen[chain] = Math.Max(seen.GetValueOrDefault(chain), Math.Min((long)d * per, r.Prompt / BlockSize));
            }

            hit += Math.Min(best, Math.Max(r.Prompt - 1, 0) / BlockSize) * BlockSize;
            prompt += r.Prompt;
        }

        return (double)hit / prompt;
    }

    [Fact]
    public void With_a_cache_that_never_evicts_the_hit_rate_is_close_to_the_ideal_from_hash_ids_and_never_above_it()
    {
        string path = SharedData.RequireFile(Trace);
        var workload = WorkloadBuilder.Build(MooncakeTraceReader.Read(path), new WorkloadOptions { Dataset = path, RealTimestamps = true });
        double ideal = IdealHitRate(path);
        double measured = HitRate(workload, kvBlocks: 50_000_000);
        Assert.True(measured <= ideal + 1e-12, $"hit rate {measured:F4} above the ideal {ideal:F4}");
        Assert.True(measured >= 0.9 * ideal, $"hit rate {measured:F4} far below the ideal {ideal:F4}");
        Assert.InRange(ideal, 0.2, 1.0);
    }

    [Fact]
    public void The_hit_rate_falls_as_the_kv_cache_shrinks()
    {
        string path = SharedData.RequireFile(Trace);
        var workload = WorkloadBuilder.Build(MooncakeTraceReader.Read(path), new WorkloadOptions { Dataset = path, RealTimestamps = true });
        long[] sizes = [50_000_000, 200_000, 50_000, 15_000];
        var rates = sizes.Select(kv => HitRate(workload, kv)).ToArray();
        for (int i = 1; i < rates.Length; i++)
        {
            Assert.True(rates[i] <= rates[i - 1] + 1e-12, $"hit rate rose from {rates[i - 1]:F4} to {rates[i]:F4} as the cache shrank to {sizes[i]} blocks");
        }

        Assert.True(rates[^1] < rates[0] - 0.05, $"hit rates {string.Join(", ", rates.Select(r => r.ToString("F4")))}");
    }
}
