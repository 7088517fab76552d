using MultiBinSim.Errors;

namespace MultiBinSim.Tests.Fuzz;

/// <summary>
/// Runs a format's reader over inputs and checks the one rule every reader of the kit obeys: an input is either
/// accepted, and then the result is internally consistent, or rejected with the format's documented error, whose
/// message is one line naming the file. Anything else (another exception type, an inconsistent result) is a failure,
/// reported with the case number and its bytes as a C# string to keep as a regression.
/// </summary>
internal static class FuzzRunner
{
    /// <summary>Default number of mutated cases per format and run.</summary>
    public const int Cases = 1200;

    /// <summary>The outcome of one input: accepted, rejected (with the message) or a failure description.</summary>
    public sealed record Outcome(bool Accepted, string? Message, string? Failure);

    /// <summary>Reads <paramref name="input"/> and classifies the outcome.</summary>
    public static Outcome Check<T>(FuzzFormat<T> format, byte[] input)
    {
        T result;
        try
        {
            using var stream = new MemoryStream(input, writable: false);
            result = format.Read(stream, format.FileName);
        }
        catch (Exception e) when (format.IsDocumentedError(e))
        {
            string? problem = null;
            if (!e.Message.Contains(format.FileName, StringComparison.Ordinal))
            {
                problem = "the message does not name the file";
            }
            else if (e.Message.AsSpan().IndexOfAny('\n', '\r') >= 0)
            {
                problem = "the message is not one line";
            }
            else if (e is InputFileException { Line: < 1 })
            {
                problem = "the line number is below 1";
            }

            return new Outcome(false, e.Message, problem is null ? null : $"{problem}: {e.Message}");
        }
        catch (Exception e)
        {
            return new Outcome(false, null, $"undocumented {e.GetType().FullName}: {e.Message}\n{e.StackTrace}");
        }

        try
        {
            format.CheckAccepted(result, input);
        }
        catch (Exception e)
        {
            return new Outcome(true, null, $"accepted, but inconsistent: {e.Message}");
        }

        return new Outcome(true, null, null);
    }

    /// <summary>
    /// Runs <paramref name="cases"/> mutations of each seed input and fails with every failing case listed. Each seed
    /// itself must be accepted (it is a genuine or kit-written file). Returns (accepted, rejected) counts.
    /// </summary>
    public static (int Accepted, int Rejected) Run<T>(
        FuzzFormat<T> format,
        IReadOnlyList<byte[]> seeds,
        int runSeed,
        int cases = Cases,
        CancellationToken cancellation = default
    )
    {
        var failures = new List<string>();
        for (int s = 0; s < seeds.Count; s++)
        {
            var genuine = Check(format, seeds[s]);
            Assert.True(genuine.Accepted && genuine.Failure is null, $"{format.Name} seed {s} is not accepted: {genuine.Message ?? genuine.Failure}");
        }

        int accepted = 0,
            rejected = 0;
        for (int c = 0; c < cases; c++)
        {
            cancellation.ThrowIfCancellationRequested(); // the test's timeout: a hang fails the test instead of the run
            var seed = seeds[c % seeds.Count];
            var (bytes, description) = Mutator.Mutate(seed, runSeed, c);
            var outcome = Check(format, bytes);
            if (outcome.Failure is not null)
            {
                if (failures.Count < 5)
                {
                    failures.Add(
                        $"case {c} ({description}): {outcome.Failure}\n  input: {Literal(bytes, $"{format.Name}-{runSeed}-{c}{Path.GetExtension(format.FileName)}")}"
                    );
                }
                else
                {
                    failures.Add($"case {c} ({description})");
                }
            }
            else if (outcome.Accepted)
            {
                accepted++;
            }
            else
            {
                rejected++;
            }
        }

        Assert.True(failures.Count == 0, $"{format.Name}: {failures.Count} of {cases} cases failed:\n{string.Join("\n", failures)}");
        return (accepted, rejected);
    }

    /// <summary>
    /// The bytes of a failing case for the report: base64 (to save as a regression file), and written to
    /// <c>$TMP/mbsim-fuzz-failures/</c> for convenience.
    /// </summary>
    private static string Literal(byte[] bytes, string name)
    {
        string folder = Path.Combine(Path.GetTempPath(), "mbsim-fuzz-failures");
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, name);
        File.WriteAllBytes(file, bytes);
        return $"{file} (base64 {Convert.ToBase64String(bytes.Length > 3000 ? bytes[..3000] : bytes)})";
    }

    /// <summary>
    /// Runs <see cref="Run{T}"/> on a worker thread and requires both outcomes: a mutator that only kept or only broke
    /// files would test nothing.
    /// </summary>
    public static async Task AssertKeepsAndBreaksAsync<T>(FuzzFormat<T> format, IReadOnlyList<byte[]> seeds, int runSeed, CancellationToken cancellation)
    {
        var (accepted, rejected) = await Task.Run(() => Run(format, seeds, runSeed, cancellation: cancellation), cancellation);
        Assert.True(accepted > 0 && rejected > 0, $"the mutations should both keep and break files (accepted {accepted}, rejected {rejected})");
    }

    /// <summary>A kept failing case (a file in Regressions/) is now accepted or rejected as documented.</summary>
    public static void AssertFixed<T>(FuzzFormat<T> format, string file) => Assert.Null(Check(format, Regressions.Read(file)).Failure);
}
