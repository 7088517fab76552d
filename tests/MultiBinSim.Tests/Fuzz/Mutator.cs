using System.Text;

namespace MultiBinSim.Tests.Fuzz;

/// <summary>
/// A small deterministic mutation engine over the bytes of a file: each case applies one to three mutations drawn
/// from a generator seeded by (run seed, case number), so a failing case is reproduced from its number alone. The
/// mutations are the damage real files suffer and the edge cases parsers get wrong: byte flips, truncation (mid-line,
/// mid-quote, mid-UTF-8 sequence), deleted/duplicated/swapped lines, swapped fields, huge or non-finite numbers,
/// stray quotes, NUL bytes, a BOM, CRLF or lone CR endings, blank lines, extra columns, a missing header, a header
/// alone, invalid UTF-8 and JSON structure characters.
/// </summary>
internal static class Mutator
{
    /// <summary>Replacements for a run of digits: overflow, non-finite, negative, fractional, empty and wrong-type values.</summary>
    private static readonly string[] Numbers =
    [
        "2147483647",
        "2147483648",
        "-2147483649",
        "99999999999999999999999",
        "9223372036854775808",
        "1e400",
        "-1e400",
        "1e308",
        "NaN",
        "Infinity",
        "-Infinity",
        "-1",
        "-0",
        "0",
        "1.5",
        "1.0",
        "1e3",
        "0x10",
        "",
        " ",
        "1_000",
        "١٢٣",
        "null",
        "true",
        "\"7\"",
        "[]",
        "{}",
        "1,2",
        "4.9e-324",
        "00000000000000000000001",
    ];

    private static readonly string[] Fragments =
    [
        "\"",
        "\"\"",
        ",",
        "\n",
        "\r",
        "\r\n",
        "\0",
        "\uFEFF",
        "{",
        "}",
        "[",
        "]",
        ":",
        "\\",
        "'",
        "\t",
        " ",
        "|",
        "\\u0000",
        "\"\"\"",
    ];

    private static readonly byte[][] RawBytes =
    [
        [0xC3],
        [0xE2, 0x82],
        [0xFF],
        [0xFE, 0xFF],
        [0xEF, 0xBB, 0xBF],
        [0xF0, 0x9F, 0x98],
        [0xC0, 0x80],
        [0x00],
    ];

    public delegate byte[] Mutation(Random random, byte[] input);

    private static readonly (string Name, Mutation Apply)[] Mutations =
    [
        ("flip-bit", FlipBit),
        ("random-byte", RandomByte),
        ("truncate", Truncate),
        ("truncate-mid-utf8", TruncateMidUtf8),
        ("delete-line", (r, b) => EditLines(r, b, (lines, i) => lines.RemoveAt(i))),
        ("duplicate-line", (r, b) => EditLines(r, b, (lines, i) => lines.Insert(i, lines[i]))),
        ("swap-lines", (r, b) => EditLines(r, b, (lines, i) => (lines[i], lines[^1]) = (lines[^1], lines[i]))),
        ("blank-line", (r, b) => EditLines(r, b, (lines, i) => lines.Insert(i, ""))),
        ("drop-header", (r, b) => EditLines(r, b, (lines, _) => lines.RemoveAt(0))),
        ("header-only", (r, b) => EditLines(r, b, (lines, _) => lines.RemoveRange(1, lines.Count - 1))),
        ("swap-fields", SwapFields),
        ("extra-column", (r, b) => EditLines(r, b, (lines, i) => lines[i] += r.Next(2) == 0 ? ",x" : ",")),
        ("huge-number", HugeNumber),
        ("insert-fragment", (r, b) => Insert(b, r.Next(b.Length + 1), Encoding.UTF8.GetBytes(Fragments[r.Next(Fragments.Length)]))),
        ("insert-raw-bytes", (r, b) => Insert(b, r.Next(b.Length + 1), RawBytes[r.Next(RawBytes.Length)])),
        ("stray-quote", (r, b) => Insert(b, r.Next(b.Length + 1), "\""u8.ToArray())),
        ("nul-byte", (r, b) => Insert(b, r.Next(b.Length + 1), [0])),
        ("bom", (r, b) => Insert(b, r.Next(3) == 0 ? r.Next(b.Length + 1) : 0, [0xEF, 0xBB, 0xBF])),
        ("crlf", (r, b) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(b).Replace("\n", r.Next(4) == 0 ? "\r" : "\r\n"))),
        ("delete-range", DeleteRange),
        ("digit-change", DigitChange),
    ];

    /// <summary>Case <paramref name="caseNumber"/> of a run: the mutated bytes and the names of the mutations applied.</summary>
    public static (byte[] Bytes, string Description) Mutate(byte[] input, int seed, int caseNumber)
    {
        var random = new Random(unchecked(seed * 1_000_003 + caseNumber) & int.MaxValue); // not HashCode: it is randomized per process
        int count = 1 + random.Next(3);
        var names = new List<string>(count);
        byte[] bytes = input;
        for (int i = 0; i < count; i++)
        {
            var (name, apply) = Mutations[random.Next(Mutations.Length)];
            bytes = apply(random, bytes);
            names.Add(name);
        }

        return (bytes, string.Join("+", names));
    }

    private static byte[] FlipBit(Random random, byte[] input)
    {
        if (input.Length == 0)
        {
            return input;
        }

        var copy = (byte[])input.Clone();
        copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        return copy;
    }

    private static byte[] RandomByte(Random random, byte[] input)
    {
        if (input.Length == 0)
        {
            return input;
        }

        var copy = (byte[])input.Clone();
        copy[random.Next(copy.Length)] = (byte)random.Next(256);
        return copy;
    }

    private static byte[] Truncate(Random random, byte[] input) => input[..random.Next(input.Length + 1)];

    private static byte[] TruncateMidUtf8(Random random, byte[] input)
    {
        // Append a multi-byte character and cut inside it (or cut a genuine one when the text has any).
        byte[] withChar = [.. input, .. "é€😀"u8];
        return withChar[..(withChar.Length - 1 - random.Next(3))];
    }

    private static byte[] Insert(byte[] input, int at, byte[] what) => [.. input.AsSpan(0, at), .. what, .. input.AsSpan(at)];

    private static byte[] DeleteRange(Random random, byte[] input)
    {
        if (input.Length == 0)
        {
            return input;
        }

        int start = random.Next(input.Length);
        int length = 1 + random.Next(Math.Min(16, input.Length - start));
        return [.. input.AsSpan(0, start), .. input.AsSpan(start + length)];
    }

    private static byte[] EditLines(Random random, byte[] input, Action<List<string>, int> edit)
    {
        var lines = Encoding.UTF8.GetString(input).Split('\n').ToList();
        if (lines.Count < 2)
        {
            return input;
        }

        edit(lines, random.Next(lines.Count));
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private static byte[] SwapFields(Random random, byte[] input) => EditLines(random, input, (lines, i) =>
        {
            var fields = lines[i].Split(',');
            if (fields.Length >= 2)
            {
                int a = random.Next(fields.Length),
                    b = random.Next(fields.Length);
                (fields[a], fields[b]) = (fields[b], fields[a]);
                lines[i] = string.Join(',', fields);
            }
        });

    /// <summary>Replaces one run of digits (a token count, a timestamp part) with an awkward number or a wrong-type value.</summary>
    private static byte[] HugeNumber(Random random, byte[] input)
    {
        var runs = new List<(int Start, int Length)>();
        int i = 0;
        while (i < input.Length)
        {
            if (char.IsAsciiDigit((char)input[i]))
            {
                int start = i;
                while (i < input.Length && char.IsAsciiDigit((char)input[i]))
                {
                    i++;
                }

                runs.Add((start, i - start));
            }
            else
            {
                i++;
            }
        }

        if (runs.Count == 0)
        {
            return input;
        }

        var (at, length) = runs[random.Next(runs.Count)];
        return [.. input.AsSpan(0, at), .. Encoding.UTF8.GetBytes(Numbers[random.Next(Numbers.Length)]), .. input.AsSpan(at + length)];
    }

    /// <summary>Changes one digit to another (month 13, second 61, a different token count).</summary>
    private static byte[] DigitChange(Random random, byte[] input)
    {
        var digits = Enumerable.Range(0, input.Length).Where(i => char.IsAsciiDigit((char)input[i])).ToArray();
        if (digits.Length == 0)
        {
            return input;
        }

        var copy = (byte[])input.Clone();
        copy[digits[random.Next(digits.Length)]] = (byte)('0' + random.Next(10));
        return copy;
    }
}
