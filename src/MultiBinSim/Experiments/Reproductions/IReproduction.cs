namespace MultiBinSim.Experiments.Reproductions;

/// <summary>
/// One figure (or theorem) of a paper, reproduced by simulation: <c>mbsim reproduce NAME</c>. A new figure is one class
/// implementing this interface plus one line in <see cref="Reproductions.All"/>.
/// </summary>
public interface IReproduction
{
    /// <summary>The name on the command line and of the output files (e.g. <c>multibin-fig3</c>).</summary>
    string Name { get; }

    /// <summary>A one-line title for charts and listings.</summary>
    string Title { get; }

    /// <summary>The paper and the figure, e.g. "arXiv 2412.04504, Figure 3".</summary>
    string Paper { get; }

    /// <summary>Runs the figure's simulations (deterministically for any <see cref="ReproductionOptions.Parallelism"/>).</summary>
    ReproductionResult Run(ReproductionOptions options);
}
