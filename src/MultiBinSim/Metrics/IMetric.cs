namespace MultiBinSim.Metrics;

/// <summary>What tables and charts need to know of a quantity: its column name, title and unit.</summary>
public interface IMetric
{
    /// <summary>snake_case name: the column or JSON key.</summary>
    string Name { get; }

    /// <summary>Human title, lower case ("capacity under SLA").</summary>
    string Title { get; }

    /// <summary>Unit, or null.</summary>
    string? Unit { get; }

    /// <summary>"title (unit)": the axis title of charts.</summary>
    string AxisTitle { get; }
}
