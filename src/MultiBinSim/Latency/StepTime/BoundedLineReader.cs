using System.Text;
using MultiBinSim.Errors;

namespace MultiBinSim.Latency.StepTime;

/// <summary>
/// Reads lines (ending in \n, \r\n or a lone \r, as the trace readers count them; the last one possibly without a
/// newline) but never holds more than
/// <c>maxChars</c> characters of one line: a longer line raises <see cref="InputFileException"/> instead of filling
/// memory, so a file without newlines cannot exhaust it.
/// </summary>
internal sealed class BoundedLineReader(TextReader reader, string path, int maxChars)
{
    private readonly char[] _buffer = new char[8192];
    private readonly StringBuilder _line = new();
    private int _position;
    private int _length;
    private bool _afterCarriageReturn;

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The next line without its line ending, or null at the end of the text.</summary>
    public string? ReadLine()
    {
        _line.Clear();
        bool started = false;
        while (true)
        {
            if (_position == _length)
            {
                _length = reader.Read(_buffer, 0, _buffer.Length);
                _position = 0;
                if (_length == 0)
                {
                    if (!started)
                    {
                        return null;
                    }

                    LineNumber++;
                    return _line.ToString();
                }
            }

            if (_afterCarriageReturn)
            {
                _afterCarriageReturn = false;
                if (_buffer[_position] == '\n')
                {
                    _position++; // the \n of a \r\n ending
                    continue;
                }
            }

            started = true;
            int newline = _buffer.AsSpan(_position, _length - _position).IndexOfAny('\r', '\n');
            int end = newline < 0 ? _length : _position + newline;
            if (_line.Length + (end - _position) > maxChars)
            {
                throw new InputFileException(path, LineNumber + 1, null,
                    $"the line is longer than {maxChars:N0} characters (lines are capped to bound memory).");
            }

            _line.Append(_buffer, _position, end - _position);
            _position = end;
            if (newline >= 0)
            {
                _afterCarriageReturn = _buffer[_position] == '\r';
                _position++;
                LineNumber++;
                return _line.ToString();
            }
        }
    }
}
