namespace MultiBinSim.Simulation.Continuous.Dynamic;

/// <summary>
/// Sets a replica's max-num-seqs between iterations from what the replica observed. The engine and
/// the test project's <c>ContinuousOracle</c> call it in the same order: <see cref="Completed"/> for each request the iteration
/// completed, then <see cref="AfterIteration"/> once, and use the returned value for the next plan.
/// </summary>
public interface IBatchSizeController
{
    /// <summary>A request of this replica completed with these lengths.</summary>
    void Completed(int prompt, int output);

    /// <summary>
    /// After an iteration of <paramref name="stepTime"/> seconds that ran <paramref name="decodeBatch"/> decode
    /// sequences and <paramref name="prefillBatch"/> prefilling ones; <paramref name="decoding"/> sequences now decode
    /// and <paramref name="prefillPending"/> requests wait for or are in prefill. Returns the new max-num-seqs.
    /// </summary>
    int AfterIteration(double stepTime, int decodeBatch, int prefillBatch, int decoding, int prefillPending);
}
