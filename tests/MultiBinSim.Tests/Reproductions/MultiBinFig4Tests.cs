using MultiBinSim.Experiments.Reproductions;
using static MultiBinSim.Tests.Reproductions.ReproductionTestHelpers;

namespace MultiBinSim.Tests.Reproductions;

public class MultiBinFig4Tests
{
    [Fact]
    public void Lemma_5_1_by_hand()
    {
        // k = 2, lambda = 4: (B - 1) k / (2 lambda) = 127 * 2 / 8, plus Theorem 4.2's mean batch time
        // 10.5 + (1/2)(128/129 * 20 + 1/129 - 10.5).
        double expected = 127 * 2 / 8.0 + 10.5 + 0.5 * (128.0 / 129 * 20 + 1.0 / 129 - 10.5);
        Assert.Equal(expected, MultiBinFig4.Lemma51(2, 4), 10);
    }

    [Fact]
    public void Unlimited_servers_follow_lemma_5_1_and_one_server_never_beats_it()
    {
        var table = new MultiBinFig4().Run(Quick()).Series;
        foreach (var row in table.Rows)
        {
            double simulated = Get<double>(table, row, "mean_latency"),
                lemma = Get<double>(table, row, "lemma_5_1_latency");
            if (Get<int>(table, row, "servers") == MultiBinFig4.UnlimitedServers)
            {
                Assert.True(Get<bool>(table, row, "no_batch_waited"));
                Assert.True(Math.Abs(simulated - lemma) / lemma < 0.01, $"k={row[0]} rate={row[1]}: simulated {simulated}, Lemma 5.1 {lemma}");
            }
            else
            {
                Assert.Null(row[table.IndexOf("no_batch_waited")]);
                Assert.True(simulated > lemma * 0.995, $"one server cannot beat infinitely many: {simulated} vs {lemma}");
            }
        }

        // At the lowest rate (load under 0.5 for every k) one server is close to the lemma, as the paper says.
        foreach (var row in table.Rows.Where(r => Get<int>(table, r, "servers") == 1 && Get<double>(table, r, "arrival_rate") == 3))
        {
            Assert.InRange(Get<double>(table, row, "mean_latency") / Get<double>(table, row, "lemma_5_1_latency"), 0.995, 1.05);
        }
    }
}
