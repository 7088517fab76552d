using MultiBinSim.Simulation.Continuous;
using MultiBinSim.Workloads;
using static MultiBinSim.Tests.Continuous.ContinuousScenario;

namespace MultiBinSim.Tests.Continuous;

/// <summary>The continuous engine against queueing and batching closed forms.</summary>
public class ClosedFormTests
{
    /// <summary>Poisson arrivals at <paramref name="rate"/>, fixed lengths, from a seeded generator.</summary>
    private static Workload Poisson(int n, double rate, int prompt, int output, int seed)
    {
        var random = new Random(seed);
        var arrivals = new double[n];
        double t = 0;
        for (int i = 0; i < n; i++)
        {
            t += -Math.Log(1 - random.NextDouble()) / rate;
            arrivals[i] = t;
        }

        var prompts = Enumerable.Repeat(prompt, n).ToArray();
        var outputs = Enumerable.Repeat(output, n).ToArray();
        return Workload.FromColumns(arrivals, prompts, outputs, outputs);
    }

    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(0.8, 5)]
    public void With_one_sequence_at_a_time_and_constant_iterations_the_mean_wait_is_m_d_1(double rho, int replications)
    {
        // Constant iteration time tau (linear:tau,0,0,0) and output length L: a request is one prefill iteration (its first
        // token) plus L - 1 decode iterations, S = L tau; with max-num-seqs 1 the replica is an M/D/1 server, and the wait
        // (admission - arrival) has mean rho S / (2 (1 - rho)).
        // At rho = 0.8 the waits are so autocorrelated that the mean of one 200,000-request run has a standard error of
        // about 2 % itself, so that case averages 5 independent runs of 200,000 (seeds fixed).
        const double tau = 0.03;
        const int output = 5;
        double service = output * tau;
        double expected = rho * service / (2 * (1 - rho));
        double sum = 0;
        for (int seed = 11; seed < 11 + replications; seed++)
        {
            var workload = Poisson(200_000, rho / service, prompt: 20, output, seed);
            var result = Run(workload, new ContinuousOptions { StepModel = Linear(tau, 0, 0, 0), MaxNumSeqs = 1 });
            Assert.Equal(200_000, result.Metrics.NumCompleted);
            Assert.Equal(service, result.Metrics.AvgServiceTime, 9);
            sum += result.Metrics.AvgQueueingDelay;

            // Sample path: each wait follows Lindley's recursion W' = max(0, W + S - (a' - a)) exactly.
            double wait = 0;
            var start = result.Timeline!.Start;
            for (int i = 0; i < workload.Count; i++)
            {
                if (i > 0)
                {
                    wait = Math.Max(0, wait + service - (workload.Arrivals[i] - workload.Arrivals[i - 1]));
                }

                Assert.Equal(wait, start[i] - workload.Arrivals[i], 1e-9 * Math.Max(1, start[i]));
            }
        }

        Assert.InRange(sum / replications, expected * 0.98, expected * 1.02);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(64)]
    [InlineData(256)]
    public void All_requests_at_time_zero_decode_at_b_over_tau_b_tokens_per_second(int b)
    {
        // linear:0.030,0.00022,0,0: with b sequences every decode iteration takes tau(b) = 30 ms + 0.22 ms b (the
        // dynamic-batching paper's Fig. 3), so each sequence's tokens come tau(b) apart: decode throughput b / tau(b).
        const int output = 200;
        int n = 3 * b;
        var workload = Workload.FromColumns(new double[n], Enumerable.Repeat(100, n).ToArray(), Enumerable.Repeat(output, n).ToArray(), new int[n]);
        var m = Run(workload, new ContinuousOptions { StepModel = Linear(0.030, 0.00022, 0, 0), MaxNumSeqs = b }).Metrics;
        double tauB = 0.030 + 0.00022 * b;
        Assert.Equal(tauB, m.AvgTpot!.Value, 12);
        Assert.Equal(b / tauB, b / m.AvgTpot!.Value, 9);
        Assert.Equal(tauB, m.AvgTbt!.Value, 12);
        // Three batches, each a prefill iteration (tau(b) too: no prefill term) plus output - 1 decode iterations.
        Assert.Equal(3 * output * tauB, m.TotalTime, 9);
    }

    [Fact]
    public void Littles_law_holds_on_the_waiting_queue()
    {
        // L (time-average number waiting, integrated from the timeline) = lambda W, with lambda the Poisson rate.
        const double rate = 30;
        var workload = Poisson(100_000, rate, prompt: 200, output: 50, seed: 3);
        var result = Run(workload, new ContinuousOptions { MaxNumSeqs = 16 });
        var start = result.Timeline!.Start;
        var events = new List<(double Time, int Delta)>();
        double waitSum = 0;
        for (int i = 0; i < workload.Count; i++)
        {
            events.Add((workload.Arrivals[i], +1));
            events.Add((start[i], -1));
            waitSum += start[i] - workload.Arrivals[i];
        }

        events.Sort((x, y) => x.Time != y.Time ? x.Time.CompareTo(y.Time) : y.Delta.CompareTo(x.Delta));
        double area = 0,
            last = 0;
        int queue = 0;
        foreach (var (time, delta) in events)
        {
            area += queue * (time - last);
            last = time;
            queue += delta;
            Assert.True(queue >= 0);
        }

        double horizon = workload.Arrivals[^1];
        double l = area / horizon;
        double w = waitSum / workload.Count;
        Assert.True(w > 0.01, $"the queue should not be trivially empty (W = {w})");
        Assert.InRange(l / (rate * w), 0.97, 1.03);
        Assert.Equal(w, result.Metrics.AvgQueueingDelay, 9);
    }
}
