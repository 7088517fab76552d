namespace MultiBinSim.Tests.Fuzz;

/// <summary>
/// A read-only, non-seekable stream of <paramref name="length"/> bytes made on demand: a prefix, then a pattern
/// repeated, then a suffix. It holds no more than the pattern in memory, so a test can hand a reader a 2 GB line or a
/// ten-million-column header without a file on disk, and then see how many bytes the reader consumed before it gave up.
/// </summary>
internal sealed class GeneratedStream(byte[] prefix, byte[] pattern, long length, byte[]? suffix = null) : Stream
{
    private readonly byte[] _suffix = suffix ?? [];
    private long _position;

    /// <summary>Bytes handed out so far.</summary>
    public long Consumed => _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int written = 0;
        while (written < buffer.Length && _position < length)
        {
            long suffixStart = length - _suffix.Length;
            byte b =
                _position < prefix.Length ? prefix[_position]
                : _position >= suffixStart ? _suffix[_position - suffixStart]
                : pattern[(_position - prefix.Length) % pattern.Length];
            buffer[written++] = b;
            _position++;
        }

        return written;
    }

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
