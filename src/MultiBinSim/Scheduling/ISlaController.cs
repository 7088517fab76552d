namespace MultiBinSim.Scheduling;

/// <summary>
/// An SLA-constrained batch-size controller: fed one observation per completed batch, asked for b_SLA once per batch
/// formed from a non-empty queue (asking changes its state).
/// </summary>
public interface ISlaController
{
    void Update(double signal, int batchSize);

    int NextBatchSize();
}
