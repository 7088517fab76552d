using System.Text;

namespace MultiBinSim.Storage;

/// <summary>
/// Writes a file through a temporary file beside it, then renames that over the target: a reader never sees half a
/// file, and a crash mid-write leaves the previous version in place.
/// </summary>
public static class AtomicFile
{
    public static async Task WriteAsync(string path, Func<string, Task> write)
    {
        string temp = path + ".tmp";
        await write(temp).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    public static void WriteAllText(string path, string text)
    {
        File.WriteAllText(path + ".tmp", text, new UTF8Encoding(false));
        File.Move(path + ".tmp", path, overwrite: true);
    }
}
