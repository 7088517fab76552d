using MultiBinSim.Cli;
using MultiBinSim.Workloads;

namespace MultiBinSim.Tests.Cli;

public class ProgressLineTests
{
    [Fact]
    public void A_report_says_requests_arrived_simulated_time_and_rate()
    {
        // 2^20 of 10M requests arrived after 2 s of wall time, the latest at 2 h of simulated time.
        string text = ProgressLine.Text(new RunProgress(1 << 20, 10_000_000, 7200), 2.0);
        Assert.Equal("progress: 1,048,576 of 10,000,000 requests (10 %), simulated 2.0 h, 524,288 req/s", text);
    }
}
