using System.Buffers.Binary;
using System.IO.Compression;

namespace MultiBinSim.Notebooks;

/// <summary>
/// Re-encodes a browser's PNG (8-bit RGB or RGBA, not interlaced) smaller, so chart images keep committed notebooks
/// small (a 900x520 chart: about 10-35 KB instead of 35-85 KB). An opaque image becomes a palette image of its 256
/// most frequent colours (a chart's fills, lines, grid and text; the rarer anti-aliasing shades take their nearest
/// palette colour, which is invisible at chart scale); a translucent one with more colours keeps RGBA. Each row of a
/// true-colour image gets the filter that suits it best, and the data is deflated at the smallest size. A PNG this
/// does not decode is returned unchanged.
/// </summary>
public static class PngOptimizer
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>
    /// The re-encoded image when it is smaller than <paramref name="png"/>, else <paramref name="png"/> (also when it cannot be decoded here).
    /// </summary>
    public static byte[] Optimize(byte[] png)
    {
        if (Decode(png) is not { } image)
        {
            return png;
        }

        byte[] smaller = Encode(image.Width, image.Height, image.Pixels, image.Opaque);
        return smaller.Length < png.Length ? smaller : png;
    }

    /// <summary>Width and height from the header, or null when <paramref name="png"/> is not a PNG.</summary>
    public static (int Width, int Height)? Dimensions(ReadOnlySpan<byte> png) =>
        png.Length >= 24 && png[..8].SequenceEqual(Signature) && png.Slice(12, 4).SequenceEqual("IHDR"u8)
            ? (BinaryPrimitives.ReadInt32BigEndian(png[16..]), BinaryPrimitives.ReadInt32BigEndian(png[20..]))
            : null;

    /// <summary>Decodes 8-bit RGB, RGBA and palette PNGs (not interlaced) into 0xAARRGGBB pixels; null for anything else.</summary>
    internal static (int Width, int Height, uint[] Pixels, bool Opaque)? Decode(byte[] png)
    {
        if (Dimensions(png) is not { } size || size.Width <= 0 || size.Height <= 0 || (long)size.Width * size.Height > 64_000_000)
        {
            return null;
        }

        int channels = 0;
        uint[]? palette = null;
        using var idat = new MemoryStream();
        int offset = 8;
        while (offset + 12 <= png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            if (length < 0 || offset + 12 + length > png.Length)
            {
                return null;
            }

            var type = png.AsSpan(offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            if (type.SequenceEqual("IHDR"u8))
            {
                byte depth = data[8],
                    colour = data[9],
                    interlace = data[12];
                channels = colour switch
                {
                    2 => 3,
                    3 => 1,
                    6 => 4,
                    _ => 0,
                };
                palette = colour == 3 ? [] : null;
                if (depth != 8 || channels == 0 || interlace != 0)
                {
                    return null;
                }
            }
            else if (type.SequenceEqual("PLTE"u8) && palette is not null)
            {
                palette = new uint[length / 3];
                for (int i = 0; i < palette.Length; i++)
                {
                    palette[i] = 0xFF000000u | (uint)data[i * 3] << 16 | (uint)data[i * 3 + 1] << 8 | data[i * 3 + 2];
                }
            }
            else if (type.SequenceEqual("tRNS"u8) && palette is not null)
            {
                for (int i = 0; i < length && i < palette.Length; i++)
                {
                    palette[i] = (palette[i] & 0x00FFFFFFu) | (uint)data[i] << 24;
                }
            }
            else if (type.SequenceEqual("IDAT"u8))
            {
                idat.Write(data);
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                break;
            }

            offset += 12 + length;
        }

        if (channels == 0)
        {
            return null;
        }

        var (width, height) = size;
        var pixels = new uint[width * height];
        bool opaque = true;
        try
        {
            idat.Position = 0;
            using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
            int stride = width * channels;
            var previous = new byte[stride];
            var current = new byte[stride];
            for (int y = 0; y < height; y++)
            {
                int filter = zlib.ReadByte();
                zlib.ReadExactly(current);
                if (!Unfilter(filter, current, previous, channels))
                {
                    return null;
                }

                for (int x = 0; x < width; x++)
                {
                    int p = x * channels;
                    uint pixel = palette is not null
                        ? (current[p] < palette.Length ? palette[current[p]] : throw new InvalidDataException("a palette index outside the palette"))
                        : (channels == 4 ? (uint)current[p + 3] << 24 : 0xFF000000u) | (uint)current[p] << 16 | (uint)current[p + 1] << 8 | current[p + 2];
                    opaque &= pixel >> 24 == 255;
                    pixels[y * width + x] = pixel;
                }

                (previous, current) = (current, previous);
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            return null;
        }

        return (width, height, pixels, opaque);
    }

    /// <summary>
    /// Encodes 0xAARRGGBB pixels: as a palette image where <see cref="Palette"/> allows and <paramref name="allowPalette"/>, else RGB or RGBA.
    /// </summary>
    internal static byte[] Encode(int width, int height, uint[] pixels, bool opaque, bool allowPalette = true)
    {
        var palette = allowPalette ? Palette(pixels, opaque) : null;
        int channels =
            palette is not null ? 1
            : opaque ? 3
            : 4;
        int stride = width * channels;
        var raw = new byte[height * (stride + 1)];
        var previous = new byte[stride];
        var line = new byte[stride];
        var trial = new byte[stride];
        var best = new byte[stride];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                uint c = pixels[y * width + x];
                int p = x * channels;
                if (palette is not null)
                {
                    line[p] = palette[c];
                    continue;
                }

                line[p] = (byte)(c >> 16);
                line[p + 1] = (byte)(c >> 8);
                line[p + 2] = (byte)c;
                if (channels == 4)
                {
                    line[p + 3] = (byte)(c >> 24);
                }
            }

            // Palette indices are not magnitudes: no filter suits them (as the PNG specification recommends).
            int chosen = 0;
            long bestScore = long.MaxValue;
            for (int filter = 0; filter <= (palette is null ? 4 : 0); filter++)
            {
                long score = Filter(filter, line, previous, channels, trial);
                if (score < bestScore)
                {
                    (bestScore, chosen) = (score, filter);
                    trial.CopyTo(best, 0);
                }
            }

            int row = y * (stride + 1);
            raw[row] = (byte)chosen;
            best.CopyTo(raw, row + 1);
            (previous, line) = (line, previous);
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        using var png = new MemoryStream();
        png.Write(Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = (byte)(
            palette is not null ? 3
            : opaque ? 2
            : 6
        );
        Chunk(png, "IHDR"u8, header);
        if (palette is not null)
        {
            var entries = palette.OrderBy(e => e.Value).Select(e => e.Key).ToArray();
            var plte = new byte[entries.Length * 3];
            var trns = new byte[entries.Length];
            for (int i = 0; i < entries.Length; i++)
            {
                (plte[i * 3], plte[i * 3 + 1], plte[i * 3 + 2], trns[i]) = (
                    (byte)(entries[i] >> 16),
                    (byte)(entries[i] >> 8),
                    (byte)entries[i],
                    (byte)(entries[i] >> 24)
                );
            }

            Chunk(png, "PLTE"u8, plte);
            if (!opaque)
            {
                Chunk(png, "tRNS"u8, trns);
            }
        }

        Chunk(png, "IDAT"u8, compressed.ToArray());
        Chunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    /// <summary>
    /// Colour to palette index, most frequent colours first. With more than 256 colours (anti-aliased edges and text),
    /// the 256 most frequent colours form the palette and every other colour is drawn with its nearest palette colour
    /// (<paramref name="pixels"/> are rewritten); null when the image is not opaque and has more than 256 colours.
    /// </summary>
    private static Dictionary<uint, byte>? Palette(uint[] pixels, bool opaque)
    {
        var counts = new Dictionary<uint, int>();
        foreach (uint c in pixels)
        {
            counts[c] = counts.GetValueOrDefault(c) + 1;
        }

        if (counts.Count > 256 && !opaque)
        {
            return null;
        }

        var palette = new Dictionary<uint, byte>();
        foreach (var (colour, _) in counts.OrderByDescending(e => e.Value).ThenBy(e => e.Key).Take(256))
        {
            palette[colour] = (byte)palette.Count;
        }

        if (counts.Count > 256)
        {
            var entries = palette.Keys.ToArray();
            var nearest = new Dictionary<uint, uint>();
            for (int i = 0; i < pixels.Length; i++)
            {
                uint c = pixels[i];
                if (!palette.ContainsKey(c))
                {
                    if (!nearest.TryGetValue(c, out uint n))
                    {
                        n = nearest[c] = entries.MinBy(e => Distance(e, c));
                    }

                    pixels[i] = n;
                }
            }
        }

        return palette;
    }

    private static int Distance(uint a, uint b)
    {
        int dr = (int)(a >> 16 & 0xFF) - (int)(b >> 16 & 0xFF),
            dg = (int)(a >> 8 & 0xFF) - (int)(b >> 8 & 0xFF),
            db = (int)(a & 0xFF) - (int)(b & 0xFF);
        return 3 * dr * dr + 4 * dg * dg + 2 * db * db;
    }

    /// <summary>Writes the filtered row into <paramref name="output"/> and returns its cost: the sum of the filtered bytes as signed magnitudes.</summary>
    private static long Filter(int filter, byte[] line, byte[] previous, int bpp, byte[] output)
    {
        long score = 0;
        for (int i = 0; i < line.Length; i++)
        {
            int a = i >= bpp ? line[i - bpp] : 0;
            int b = previous[i];
            int c = i >= bpp ? previous[i - bpp] : 0;
            int predictor = filter switch
            {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                _ => Paeth(a, b, c),
            };
            byte value = (byte)(line[i] - predictor);
            output[i] = value;
            score += value < 128 ? value : 256 - value;
        }

        return score;
    }

    private static bool Unfilter(int filter, byte[] line, byte[] previous, int bpp)
    {
        if (filter is < 0 or > 4)
        {
            return false;
        }

        for (int i = 0; i < line.Length; i++)
        {
            int a = i >= bpp ? line[i - bpp] : 0;
            int b = previous[i];
            int c = i >= bpp ? previous[i - bpp] : 0;
            int predictor = filter switch
            {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                _ => Paeth(a, b, c),
            };
            line[i] = (byte)(line[i] + predictor);
        }

        return true;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a),
            pb = Math.Abs(p - b),
            pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a
            : pb <= pc ? b
            : c;
    }

    private static void Chunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        png.Write(type);
        png.Write(data);
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in type)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        foreach (byte b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        BinaryPrimitives.WriteUInt32BigEndian(word, crc ^ 0xFFFFFFFFu);
        png.Write(word);
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
