namespace MultiBinSim.Latency;

/// <summary>One measured cell of a calibration grid: mean batch latency at a batch size and longest sequence.</summary>
public readonly record struct CalibrationPoint(int BatchSize, int MaxSequenceLength, double MeanLatencySeconds);
