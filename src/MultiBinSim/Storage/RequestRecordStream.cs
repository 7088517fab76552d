using System.Text;
using MultiBinSim.Errors;
using MultiBinSim.Scheduling;
using MultiBinSim.Simulation;
using Parquet;
using Parquet.Schema;

namespace MultiBinSim.Storage;

/// <summary>
/// <c>mbsim run --requests-out FILE</c> on a streamed run: takes each request's record as it leaves, in completion
/// order, and writes the file in workload order, in memory proportional to the requests in flight. A request waits in a
/// reorder buffer until every request before it has left; rows then go to a staging row group of
/// <see cref="RequestRecords.RowGroupSize"/> rows, written when full. The rows, the row groups and so the bytes are
/// those <see cref="RequestRecords.WriteAsync"/> writes for the same run in memory; the file appears (renamed over
/// any earlier one) only when <see cref="Complete"/> has written the last row.
/// </summary>
public sealed class RequestRecordStream : IRequestRecorder, IDisposable
{
    private readonly string _path;
    private readonly string _temp;
    private readonly BinBoundaries? _bins;
    private readonly bool _continuous;
    private readonly FileStream _file;
    private readonly ParquetWriter? _parquet;
    private readonly DataField[] _fields = RequestRecords.ParquetFields();
    private readonly StreamWriter? _csv;
    private readonly StringBuilder _line = new(192);
    private readonly RequestTable _group = RequestTable.Staging(RequestRecords.RowGroupSize);
    private RequestRecord[] _pending = new RequestRecord[1024];
    private bool[] _present = new bool[1024];
    private long _next;
    private int _staged;
    private bool _wroteGroup;
    private bool _done;

    /// <param name="path">The file (checked by <see cref="RequestRecords.CheckPath"/>): Parquet or CSV by its extension.</param>
    /// <param name="bins">The run's bin boundaries when it bins requests (the <c>bin</c> column); else null.</param>
    /// <param name="continuous">Whether the engine measures token times and preemptions (the continuous engine).</param>
    public RequestRecordStream(string path, BinBoundaries? bins, bool continuous)
    {
        RequestRecords.CheckPath(path);
        _path = path;
        _temp = RequestRecords.TempPath(Path.GetFullPath(path));
        _bins = bins;
        _continuous = continuous;
        _file = new FileStream(_temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        if (Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase))
        {
            _csv = RequestRecords.CsvText(_file);
            _csv.WriteLine(RequestRecords.CsvHeader);
        }
        else
        {
            _parquet = ParquetWriter.CreateAsync(new ParquetSchema(_fields), _file).GetAwaiter().GetResult();
        }
    }

    /// <summary>Rows written so far (in workload order).</summary>
    public long Written => _next;

    /// <summary>The most requests that ever waited in the reorder buffer for an earlier one to leave.</summary>
    public int PeakWaiting { get; private set; }

    /// <inheritdoc />
    public void Record(in RequestRecord record)
    {
        long offset = record.Sequence - _next;
        if (offset < 0 || (offset < _pending.Length && _present[Slot(record.Sequence)]))
        {
            throw new InvalidOperationException($"request {record.Sequence} was recorded twice");
        }

        if (offset == 0)
        {
            Stage(record);
            _next++;
            Drain();
            return;
        }

        while (offset >= _pending.Length)
        {
            Grow();
        }

        int slot = Slot(record.Sequence);
        _pending[slot] = record;
        _present[slot] = true;
        PeakWaiting = Math.Max(PeakWaiting, (int)offset);
    }

    /// <summary>
    /// Writes what is staged and moves the file into place. Every request must have been recorded: a request still
    /// missing is a defect of the engine.
    /// </summary>
    public void Complete(long requests)
    {
        if (_next != requests)
        {
            throw new InvalidOperationException($"{requests} requests ran but {_next} were recorded in order");
        }

        try
        {
            if (_staged > 0 || !_wroteGroup)
            {
                WriteGroup(); // an empty run: one empty group, as the in-memory writer
            }

            if (_parquet is not null)
            {
                _parquet.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            _csv?.Flush();
            _file.Flush();
            _file.Dispose();
            File.Move(_temp, Path.GetFullPath(_path), overwrite: true);
            _done = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(RequestRecords.Property, $"cannot write '{_path}' ({RequestRecords.OneLine(e.Message)})");
        }
    }

    /// <summary>Drops the temporary file unless <see cref="Complete"/> moved it into place (an earlier FILE is kept).</summary>
    public void Dispose()
    {
        if (_done)
        {
            return;
        }

        _csv?.Dispose();
        _file.Dispose();
        File.Delete(_temp);
    }

    private int Slot(long sequence) => (int)(sequence & (_pending.Length - 1));

    private void Drain()
    {
        while (true)
        {
            int slot = Slot(_next);
            if (!_present[slot])
            {
                return;
            }

            _present[slot] = false;
            Stage(_pending[slot]);
            _next++;
        }
    }

    private void Stage(in RequestRecord record)
    {
        var group = _group;
        int row = _staged;
        group.RequestId[row] = record.Id;
        group.Arrival[row] = record.Arrival;
        group.PromptTokens[row] = record.Prompt;
        group.OutputTokens[row] = record.Output;
        group.PredictedOutputTokens[row] = record.Predicted;
        RequestRecords.FillOutcome(group, row, record, _bins?.Locate(record.Predicted), _continuous);
        if (++_staged == RequestRecords.RowGroupSize)
        {
            WriteGroup();
        }
    }

    private void WriteGroup()
    {
        if (_parquet is not null)
        {
            RequestRecords.WriteRowGroupAsync(_parquet, _fields, _group, 0, _staged, CancellationToken.None).GetAwaiter().GetResult();
        }
        else
        {
            for (int i = 0; i < _staged; i++)
            {
                RequestRecords.CsvLine(_line, _group, i);
                _csv!.WriteLine(_line);
            }
        }

        _staged = 0;
        _wroteGroup = true;
    }

    /// <summary>Doubles the reorder buffer, keeping each waiting record at its sequence modulo the new length.</summary>
    private void Grow()
    {
        var pending = new RequestRecord[_pending.Length * 2];
        var present = new bool[pending.Length];
        for (int i = 0; i < _pending.Length; i++)
        {
            if (_present[i])
            {
                long sequence = _pending[i].Sequence;
                int slot = (int)(sequence & (pending.Length - 1));
                pending[slot] = _pending[i];
                present[slot] = true;
            }
        }

        (_pending, _present) = (pending, present);
    }
}
