using MultiBinSim.Notebooks;

namespace MultiBinSim.Tests.Notebooks;

public class PngOptimizerTests
{
    /// <summary>A true-colour RGBA PNG as a canvas writes it: every row unfiltered, deflated fast.</summary>
    private static byte[] CanvasPng(int width, int height, Func<int, int, uint> colour)
    {
        var pixels = new uint[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                pixels[y * width + x] = 0xFF000000u | colour(x, y);
            }
        }

        return PngOptimizer.Encode(width, height, pixels, opaque: false, allowPalette: false); // RGBA, as a browser's canvas
    }

    [Fact]
    public void A_chart_like_image_becomes_a_smaller_palette_png_with_the_same_pixels()
    {
        // White paper, a grey plot area, a blue line: a handful of colours.
        uint Colour(int x, int y) =>
            Math.Abs(y - x / 3) < 2 ? 0x636EFAu
            : x > 20 && y > 10 ? 0xE5ECF6u
            : 0xFFFFFFu;
        byte[] original = CanvasPng(300, 120, Colour);
        byte[] optimized = PngOptimizer.Optimize(original);

        Assert.True(optimized.Length < original.Length, $"{optimized.Length} >= {original.Length}");
        Assert.Equal((300, 120), PngOptimizer.Dimensions(optimized));
        Assert.Equal(6, original[25]); // colour type 6: RGBA
        Assert.Equal(3, optimized[25]); // colour type 3: palette
        var source = PngOptimizer.Decode(original)!.Value;
        var result = PngOptimizer.Decode(optimized)!.Value;
        Assert.True(source.Opaque);
        Assert.Equal(0xFF636EFAu, source.Pixels[0]);
        Assert.Equal(source.Pixels, result.Pixels); // lossless: fewer than 256 colours
    }

    [Fact]
    public void Rare_shades_take_their_nearest_frequent_colour()
    {
        // 255 greys twice each on white (256 frequent colours), and 50 rare shades a step bluer than a grey: each rare
        // shade is drawn with its grey.
        static uint Colour(int x, int y) =>
            (y, x) switch
            {
                (50 or 51, < 255) => (uint)x * 0x010101u,
                (60, < 50) => (uint)(x * 5) * 0x010101u + 1,
                _ => 0xFFFFFFu,
            };
        byte[] original = CanvasPng(400, 100, Colour);
        var opaque = PngOptimizer.Decode(original)!.Value;
        byte[] optimized = PngOptimizer.Encode(opaque.Width, opaque.Height, (uint[])opaque.Pixels.Clone(), opaque.Opaque);
        Assert.Equal(3, optimized[25]);
        Assert.Equal((400, 100), PngOptimizer.Dimensions(optimized));
        var source = PngOptimizer.Decode(original)!.Value.Pixels;
        var result = PngOptimizer.Decode(optimized)!.Value.Pixels;
        Assert.Equal(256, result.Distinct().Count());
        Assert.Equal(306, source.Distinct().Count());
        for (int i = 0; i < source.Length; i++)
        {
            Assert.Equal(source[i] & 0xFFFFFF00u, result[i] & 0xFFFFFF00u); // red, green and alpha kept
            Assert.True(Math.Abs((int)(source[i] & 0xFF) - (int)(result[i] & 0xFF)) <= 1, $"pixel {i}: {source[i]:X8} drawn as {result[i]:X8}");
        }
    }

    [Fact]
    public void A_translucent_image_with_many_colours_stays_true_colour_and_lossless()
    {
        var pixels = Enumerable.Range(0, 64 * 64).Select(i => (uint)(i % 200 + 20) << 24 | (uint)i * 97u & 0xFFFFFFu).ToArray();
        byte[] png = PngOptimizer.Encode(64, 64, (uint[])pixels.Clone(), opaque: false);
        Assert.Equal(6, png[25]);
        Assert.Equal(pixels, PngOptimizer.Decode(png)!.Value.Pixels);
    }

    [Fact]
    public void Anything_else_is_returned_unchanged()
    {
        byte[] text = "not a png"u8.ToArray();
        Assert.Same(text, PngOptimizer.Optimize(text));
        Assert.Null(PngOptimizer.Dimensions(text));
        byte[] truncated = CanvasPng(10, 10, (_, _) => 0)[..40];
        Assert.Same(truncated, PngOptimizer.Optimize(truncated));
    }
}
