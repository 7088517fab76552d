using MultiBinSim.Errors;

namespace MultiBinSim.Workloads;

/// <summary>
/// Reads text line by line into one reusable buffer, handing out each line as a span (valid until the next call),
/// so a million-line file is scanned without a string per line. Accepts \n, \r\n and lone \r endings (as CsvHelper
/// does) and a last line without a newline. A line longer than <see cref="InputLimits.MaxLineChars"/> raises the file's
/// <see cref="InputFileException"/> as soon as the limit is passed, so memory stays bounded whatever the input.
/// </summary>
internal sealed class LineScanner(
    TextReader reader,
    string path,
    Func<string, long, string, InputFileException>? error = null,
    int maxLineChars = InputLimits.MaxLineChars
)
{
    private char[] _buffer = new char[Math.Min(1 << 16, maxLineChars + 2)];
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>1-based number of the line last returned (0 before the first).</summary>
    public long LineNumber { get; private set; }

    public bool TryReadLine(out ReadOnlySpan<char> line)
    {
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            int end = pending.IndexOfAny('\r', '\n');
            if (end >= 0)
            {
                int next = end + 1;
                if (pending[end] == '\r')
                {
                    if (next == pending.Length && !_eof)
                    {
                        Refill(); // a '\n' may follow in the next block
                        continue;
                    }

                    if (next < pending.Length && pending[next] == '\n')
                    {
                        next++;
                    }
                }

                line = Checked(pending[..end]);
                _start += next;
                return true;
            }

            if (_eof)
            {
                if (_start < _end)
                {
                    line = Checked(pending);
                    _start = _end;
                    return true;
                }

                line = default;
                return false;
            }

            Refill();
        }
    }

    private ReadOnlySpan<char> Checked(ReadOnlySpan<char> line)
    {
        LineNumber++;
        return line.Length > maxLineChars ? throw TooLong() : line;
    }

    private void Refill()
    {
        int pending = _end - _start;
        if (pending > maxLineChars + 1) // + 1: the '\r' of a CRLF ending
        {
            LineNumber++;
            throw TooLong();
        }

        if (pending == _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, maxLineChars + 2)); // a line longer than the buffer
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

    private InputFileException TooLong()
    {
        string problem = $"line is longer than {maxLineChars:N0} characters (the limit); is this the right file?";
        return error is null ? new InputFileException(path, LineNumber, null, problem) : error(path, LineNumber, problem);
    }
}
