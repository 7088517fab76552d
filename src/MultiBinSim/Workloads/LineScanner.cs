namespace MultiBinSim.Workloads;

/// <summary>
/// Reads text line by line into one reusable buffer, handing out each line as a span (valid until the next call),
/// so a million-line file is scanned without a string per line. Accepts \n and \r\n endings and a last line
/// without a newline.
/// </summary>
internal sealed class LineScanner(TextReader reader)
{
    private char[] _buffer = new char[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;

    public bool TryReadLine(out ReadOnlySpan<char> line)
    {
        while (true)
        {
            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf('\n');
            if (newline >= 0)
            {
                line = TrimCarriageReturn(_buffer.AsSpan(_start, newline));
                _start += newline + 1;
                return true;
            }

            if (_eof)
            {
                if (_start < _end)
                {
                    line = TrimCarriageReturn(_buffer.AsSpan(_start, _end - _start));
                    _start = _end;
                    return true;
                }

                line = default;
                return false;
            }

            Refill();
        }
    }

    private void Refill()
    {
        int pending = _end - _start;
        if (pending == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2); // a line longer than the buffer
        }

        Array.Copy(_buffer, _start, _buffer, 0, pending);
        _start = 0;
        _end = pending;
        int read = reader.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    private static ReadOnlySpan<char> TrimCarriageReturn(ReadOnlySpan<char> line) =>
        line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;
}
