namespace MultiBinSim.Tests.Fuzz;

/// <summary>
/// Hands a reader a generated huge input and checks it is rejected with the documented error, having read at most
/// a fixed number of bytes and allocated at most a fixed number of bytes (both deterministic measures, not timings:
/// "quickly" means "after reading a bounded prefix").
/// </summary>
internal static class HugeInput
{
    public const long TwoGigabytes = 2L << 30;

    /// <summary>Reads <paramref name="stream"/> with <paramref name="read"/> and returns the documented exception.</summary>
    public static TException Rejects<TException>(GeneratedStream stream, Action<Stream> read, long maxConsumed, long maxAllocated)
        where TException : Exception
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<TException>(() => read(stream));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(stream.Consumed <= maxConsumed, $"read {stream.Consumed:N0} bytes before rejecting (at most {maxConsumed:N0} expected)");
        Assert.True(allocated <= maxAllocated, $"allocated {allocated:N0} bytes before rejecting (at most {maxAllocated:N0} expected)");
        Assert.DoesNotContain('\n', error.Message);
        return error;
    }
}
