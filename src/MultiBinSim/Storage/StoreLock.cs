namespace MultiBinSim.Storage;

/// <summary>
/// An exclusive lock on a results folder, so two suite processes never write the same store. It is an OS file lock:
/// a killed process releases it at once, so a crash never leaves the folder locked.
/// </summary>
public sealed class StoreLock : IDisposable
{
    public const string FileName = ".mbsim.lock";

    private readonly FileStream _stream;

    private StoreLock(FileStream stream) => _stream = stream;

    public static StoreLock Acquire(string folder, TimeSpan wait)
    {
        string path = Path.Combine(folder, FileName);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                stream.SetLength(0);
                var stamp = System.Text.Encoding.UTF8.GetBytes($"pid {Environment.ProcessId} since {DateTime.UtcNow:O}\n");
                stream.Write(stamp);
                stream.Flush();
                return new StoreLock(stream);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
            catch (IOException e)
            {
                throw new ResultStoreException(
                    $"{folder} is in use by another mbsim process (lock file {path}); waited {wait.TotalSeconds:F0} s. "
                        + "Let it finish, or write to another --out folder.",
                    e
                );
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
