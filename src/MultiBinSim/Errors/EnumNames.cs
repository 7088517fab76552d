namespace MultiBinSim.Errors;

/// <summary>
/// The names users type for an option's enum values, for every such enum: the member's name in kebab case
/// (<c>BestCapacity</c> is <c>best-capacity</c>), in declaration order. Parsing ignores case and takes <c>_</c> for
/// <c>-</c>; an unknown name is a <see cref="ConfigurationException"/> that lists the known ones. No enum keeps a
/// hand-aligned array of names.
/// </summary>
public static class EnumNames
{
    /// <summary>The name of <paramref name="value"/>.</summary>
    public static string Name<T>(T value)
        where T : struct, Enum
    {
        int i = Array.IndexOf(Names<T>.Values, value);
        return i >= 0 ? Names<T>.All[i] : throw new ArgumentOutOfRangeException(nameof(value), value, $"not a {typeof(T).Name}");
    }

    /// <summary>Every name of <typeparamref name="T"/>, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>()
        where T : struct, Enum => Names<T>.All;

    /// <summary>The value named <paramref name="name"/>, or null.</summary>
    public static T? TryParse<T>(string? name)
        where T : struct, Enum
    {
        if (name is null)
        {
            return null;
        }

        string normalised = name.Replace('_', '-');
        for (int i = 0; i < Names<T>.All.Length; i++)
        {
            if (string.Equals(Names<T>.All[i], normalised, StringComparison.OrdinalIgnoreCase))
            {
                return Names<T>.Values[i];
            }
        }

        return null;
    }

    /// <summary>The value named <paramref name="value"/>; <paramref name="property"/> names the option's property for the error.</summary>
    public static T Parse<T>(string property, string value)
        where T : struct, Enum =>
        TryParse<T>(value) ?? throw new ConfigurationException(property, $"unknown value '{value}'; known: {string.Join(", ", Names<T>.All)}");

    /// <summary>kebab-case: BatchServiceTime -> batch-service-time.</summary>
    private static string Kebab(string member) =>
        string.Concat(member.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    private static class Names<T>
        where T : struct, Enum
    {
        public static readonly T[] Values = Enum.GetValues<T>();

        public static readonly string[] All = Values.Select(v => Kebab(v.ToString())).ToArray();
    }
}
