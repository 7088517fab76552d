using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using MultiBinSim.Errors;

namespace MultiBinSim.Workloads;

/// <summary>
/// CsvHelper, set up the way every CSV reader of the kit needs it: lines and fields bounded by
/// <see cref="InputLimits"/>, at most <see cref="InputLimits.MaxColumns"/> header columns, and every parse failure
/// (a stray or unbalanced quote, an over-long field) turned into the file's <see cref="InputFileException"/> naming
/// the line and, where known, the column. A reader asks for fields by index and column name through
/// <see cref="Field"/>, because CsvHelper checks a field's quotes only when the field is read.
/// </summary>
internal sealed class CsvInput : IDisposable
{
    private readonly string _path;
    private readonly ErrorFactory _error;
    private readonly CsvReader _csv;

    /// <summary>Makes the reader's exception type (a trace reader's is <see cref="TraceFormatException"/>).</summary>
    public delegate InputFileException ErrorFactory(string path, long? line, string? column, string problem, Exception? inner = null);

    public CsvInput(TextReader text, string path, ErrorFactory error)
    {
        _path = path;
        _error = error;
        var bounded = new BoundedLineReader(text, path, (p, l, problem) => error(p, l, null, problem));
        _csv = new CsvReader(
            bounded,
            new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, MaxFieldSize = InputLimits.MaxLineChars }
        );
    }

    /// <summary>The header's column names (trimmed).</summary>
    public string[] Header { get; private set; } = [];

    /// <summary>1-based line number of the current record (its first line).</summary>
    public long Line => _csv.Parser.RawRow;

    /// <summary>Number of fields in the current record.</summary>
    public int Count => _csv.Parser.Count;

    /// <summary>Reads the header line; throws "<paramref name="emptyProblem"/>" when the file has no line at all.</summary>
    public string[] ReadHeader(string emptyProblem)
    {
        if (!Read())
        {
            throw _error(_path, null, null, emptyProblem);
        }

        if (_csv.Parser.Count > InputLimits.MaxColumns)
        {
            throw _error(
                _path,
                Line,
                null,
                $"the header has {_csv.Parser.Count:N0} columns; at most {InputLimits.MaxColumns:N0} are allowed (is this the right file?)."
            );
        }

        try
        {
            _csv.ReadHeader();
        }
        catch (CsvHelperException e)
        {
            throw Translate(e, null);
        }

        Header = _csv.HeaderRecord ?? [];
        return Header;
    }

    /// <summary>Advances to the next record; false at the end of the file.</summary>
    public bool Read()
    {
        try
        {
            return _csv.Read();
        }
        catch (CsvHelperException e)
        {
            throw Translate(e, null);
        }
    }

    /// <summary>Field <paramref name="index"/> of the current record, read as column <paramref name="column"/>.</summary>
    public string? Field(int index, string column)
    {
        try
        {
            return _csv.Parser[index];
        }
        catch (CsvHelperException e)
        {
            throw Translate(e, column);
        }
    }

    /// <summary>Throws when the current record does not have as many fields as the header.</summary>
    public void RequireHeaderWidth()
    {
        if (Count != Header.Length)
        {
            throw _error(_path, Line, null, $"malformed row: {Count} fields, but the header has {Header.Length}.");
        }
    }

    public void Dispose() => _csv.Dispose();

    private InputFileException Translate(CsvHelperException e, string? column)
    {
        long? line = e.Context?.Parser?.RawRow is > 0 and var row ? row : null;
        string problem = e switch
        {
            BadDataException => "a stray or unbalanced double quote (quote the whole field as \"...\" and double any quote inside it).",
            MaxFieldSizeException => $"a field longer than {InputLimits.MaxLineChars:N0} characters (an unbalanced quote?).",
            _ => $"malformed CSV ({e.GetType().Name}).",
        };
        return _error(_path, line, column, problem, e);
    }
}
