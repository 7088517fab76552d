using MultiBinSim.Errors;

namespace MultiBinSim.Workloads;

/// <summary>
/// A <see cref="TextReader"/> over another that refuses a line longer than <see cref="InputLimits.MaxLineChars"/>:
/// it throws the file's <see cref="InputFileException"/> (naming the line) as soon as the limit is passed, so a
/// parser above it (CsvHelper) never buffers a 2 GB line. Lines end at \n, \r\n or a lone \r, as CsvHelper counts them.
/// </summary>
internal sealed class BoundedLineReader : TextReader
{
    private readonly TextReader _inner;
    private readonly string _path;
    private readonly Func<string, long, string, InputFileException> _error;
    private readonly int _maxLineChars;
    private long _line = 1;
    private int _lineLength;
    private bool _afterCarriageReturn;

    /// <param name="inner">The text to read (owned: disposed with this reader).</param>
    /// <param name="path">The file as the user named it, for messages.</param>
    /// <param name="error">Makes the exception for (path, line, problem); null for a plain <see cref="InputFileException"/>.</param>
    /// <param name="maxLineChars">The limit (a test may lower it).</param>
    public BoundedLineReader(
        TextReader inner,
        string path,
        Func<string, long, string, InputFileException>? error = null,
        int maxLineChars = InputLimits.MaxLineChars
    )
    {
        _inner = inner;
        _path = path;
        _error = error ?? ((p, l, problem) => new InputFileException(p, l, null, problem));
        _maxLineChars = maxLineChars;
    }

    public override int Peek() => _inner.Peek();

    public override int Read()
    {
        int c = _inner.Read();
        if (c >= 0)
        {
            Count(new ReadOnlySpan<char>([(char)c]));
        }

        return c;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        int read = _inner.Read(buffer);
        Count(buffer[..read]);
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Count(ReadOnlySpan<char> chunk)
    {
        while (true)
        {
            int end = chunk.IndexOfAny('\r', '\n');
            int length = end < 0 ? chunk.Length : end;
            if (length > 0)
            {
                _afterCarriageReturn = false;
            }

            if ((long)_lineLength + length > _maxLineChars)
            {
                throw _error(_path, _line, $"line is longer than {_maxLineChars:N0} characters (the limit); is this the right file?");
            }

            if (end < 0)
            {
                _lineLength += length;
                return;
            }

            // A line ends at \n, \r\n or a lone \r, as CsvHelper counts rows.
            if (!(chunk[end] == '\n' && _afterCarriageReturn && length == 0))
            {
                _line++;
            }

            _afterCarriageReturn = chunk[end] == '\r';
            _lineLength = 0;
            chunk = chunk[(end + 1)..];
        }
    }
}
