using System.Buffers.Binary;
using System.IO.Compression;

namespace MultiBinSim.Tests.Charts;

/// <summary>
/// A decoded PNG (8-bit RGB, RGBA or palette, not interlaced: what Chromium's --screenshot and the notebook runner's
/// chart images write), enough to tell a drawn chart from a blank page.
/// </summary>
internal sealed class PngImage
{
    private PngImage(int width, int height, int[] pixels)
    {
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>0xRRGGBB per pixel, row by row.</summary>
    public int[] Pixels { get; }

    public static PngImage Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        ReadOnlySpan<byte> signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        if (bytes.Length < 8 || !bytes.AsSpan(0, 8).SequenceEqual(signature))
        {
            throw new InvalidDataException($"{path} is not a PNG file.");
        }

        int width = 0,
            height = 0,
            channels = 0;
        int[]? palette = null;
        using var idat = new MemoryStream();
        int offset = 8;
        while (offset + 8 <= bytes.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset));
            string type = System.Text.Encoding.ASCII.GetString(bytes, offset + 4, 4);
            var data = bytes.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
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
                if (depth != 8 || channels == 0 || interlace != 0)
                {
                    throw new NotSupportedException(
                        $"{path}: PNG bit depth {depth}, colour type {colour}, interlace {interlace}; only 8-bit RGB/RGBA/palette without interlace is decoded here."
                    );
                }
            }
            else if (type == "PLTE")
            {
                palette = new int[length / 3];
                for (int i = 0; i < palette.Length; i++)
                {
                    palette[i] = data[i * 3] << 16 | data[i * 3 + 1] << 8 | data[i * 3 + 2];
                }
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            else if (type == "IEND")
            {
                break;
            }

            offset += 12 + length; // length, type, data, CRC
        }

        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        int stride = width * channels;
        var previous = new byte[stride];
        var current = new byte[stride];
        var pixels = new int[width * height];
        for (int y = 0; y < height; y++)
        {
            int filter = zlib.ReadByte();
            zlib.ReadExactly(current);
            Unfilter(filter, current, previous, channels);
            for (int x = 0; x < width; x++)
            {
                int p = x * channels;
                pixels[y * width + x] =
                    channels == 1
                        ? (palette ?? throw new InvalidDataException($"{path}: a palette PNG without a PLTE chunk."))[current[p]]
                        : current[p] << 16 | current[p + 1] << 8 | current[p + 2];
            }

            (previous, current) = (current, previous);
        }

        return new PngImage(width, height, pixels);
    }

    /// <summary>The fraction of pixels in the rectangle whose colour differs from the rectangle's most common colour.</summary>
    public double NonBackgroundFraction(int left, int top, int right, int bottom)
    {
        var counts = new Dictionary<int, int>();
        for (int y = top; y < bottom; y++)
        {
            for (int x = left; x < right; x++)
            {
                int c = Pixels[y * Width + x];
                counts[c] = counts.GetValueOrDefault(c) + 1;
            }
        }

        int total = (right - left) * (bottom - top);
        return total == 0 ? 0 : 1.0 - counts.Values.Max() / (double)total;
    }

    private static void Unfilter(int filter, byte[] line, byte[] previous, int bpp)
    {
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
                4 => Paeth(a, b, c),
                _ => throw new InvalidDataException($"PNG filter type {filter} is not defined."),
            };
            line[i] = (byte)(line[i] + predictor);
        }
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
}
