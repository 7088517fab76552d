namespace MultiBinSim.Workloads;

/// <summary>A read-only view of one request of a <see cref="Workload"/> (for inspection and tests; the simulator reads the arrays).</summary>
public readonly record struct Request(int Id, double ArrivalTime, int PromptTokens, int OutputTokens, int PredictedOutputTokens, double Deadline);
