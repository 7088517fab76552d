using MultiBinSim.Latency;

namespace MultiBinSim.Tests.Latency;

public class LatencyFitTests
{
    [Fact]
    public void Default_grid_recovers_the_original_calibration_exactly()
    {
        var fit = LatencyFit.Fit(CalibrationGrid.LoadDefault(), "default");
        Assert.Equal(30, fit.Points);
        Assert.True(Math.Abs(fit.Model.Alpha / 0.015 - 1) < 1e-9, $"alpha {fit.Model.Alpha:R}");
        Assert.True(Math.Abs(fit.Model.Beta / 0.0003 - 1) < 1e-9, $"beta {fit.Model.Beta:R}");
        Assert.True(Math.Abs(fit.Model.Gamma / 0.4 - 1) < 1e-9, $"gamma {fit.Model.Gamma:R}");
        Assert.True(Math.Abs(fit.RSquared - 1) < 1e-12);
    }

    [Fact]
    public void Shipped_data_file_is_the_embedded_grid()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "global.json")))
        {
            root = Path.GetDirectoryName(root)!;
        }

        var fromFile = CalibrationGrid.Load(Path.Combine(root, "data", "calibration", "qwen3-1.7b-rtx4080.csv"));
        Assert.Equal(CalibrationGrid.LoadDefault(), fromFile);
    }

    [Fact]
    public void Service_time_follows_the_formula_and_is_floored_at_one_millisecond()
    {
        var m = new LatencyModel(0.015, 0.0003, 0.4);
        Assert.Equal(0.015 + 0.0003 * 1000 * (1 + 0.4 * 3.0 / 4.0), m.ServiceTime(4, 1000));
        Assert.Equal(0.015 + 0.0003 * 1000, m.ServiceTime(1, 1000)); // b = 1: no batching overhead
        Assert.Equal(0.001, new LatencyModel(0, 1e-7, 0).ServiceTime(1, 10));
    }

    [Fact]
    public void Fit_respects_the_bounds_when_the_data_want_to_leave_them()
    {
        // Generated with alpha = 0 (below the 0.001 bound): the fit must stay at the bound and say R^2 < 1.
        var points = new List<CalibrationPoint>();
        foreach (int b in new[] { 1, 2, 4, 8 })
        {
            foreach (int l in new[] { 128, 512, 2048 })
            {
                points.Add(new CalibrationPoint(b, l, 0.0002 * l * (1 + 0.5 * (b - 1.0) / b)));
            }
        }

        var fit = LatencyFit.Fit(points, "test");
        Assert.Equal(LatencyFit.AlphaMin, fit.Model.Alpha, 9);
        Assert.InRange(fit.Model.Beta, LatencyFit.BetaMin, LatencyFit.BetaMax);
        Assert.InRange(fit.Model.Gamma, LatencyFit.GammaMin, LatencyFit.GammaMax);
        Assert.True(fit.RSquared is > 0.99 and < 1.0, $"R^2 {fit.RSquared}");
    }

    [Fact]
    public void Bad_calibration_files_name_the_file_line_and_column()
    {
        using var tmp = new TempFiles();
        var e = Assert.Throws<MultiBinSim.Workloads.TraceFormatException>(() =>
            CalibrationGrid.Load(tmp.Write("c.csv", "batch_size,max_seq_len,mean_latency_sec\n1,128,0.05\n2,256,fast\n4,512,0.2\n"))
        );
        Assert.Equal(3, e.Line);
        Assert.Equal("mean_latency_sec", e.Column);
        var missing = Assert.Throws<MultiBinSim.Workloads.TraceFormatException>(() => CalibrationGrid.Load(tmp.Write("d.csv", "batch_size,latency\n1,0.05\n")));
        Assert.Contains("max_seq_len", missing.Message);
    }
}
