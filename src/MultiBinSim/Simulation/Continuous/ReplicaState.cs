using MultiBinSim.Latency.StepTime;
using MultiBinSim.Simulation.Continuous.Dynamic;

namespace MultiBinSim.Simulation.Continuous;

/// <summary>
/// One replica of the fast continuous engine. The decode sequences are held in aggregate: their count, the sum of
/// their <see cref="SequenceTable.Base"/>, how many have each base modulo the block size (so the blocks a decode
/// iteration needs are one lookup) and a heap of the decode counter at which each completes. A <em>segment</em> is
/// what the replica runs between two boundaries: one iteration with prefill work, or a stretch of k identical decode
/// iterations whose times form an arithmetic series, <c>T(j) = start + j A + C j (j - 1) / 2</c>.
/// </summary>
internal sealed class ReplicaState
{
    private readonly SequenceTable _seq;
    private readonly ContinuousStats _stats;
    private readonly StepTimeModel _model;
    private readonly bool _reserves;
    private readonly int _blockSize;
    private readonly int[] _phase;
    private readonly PriorityQueue<int, long> _finish = new();
    private readonly PriorityQueue<int, long> _victims = new();
    private int[] _prefilling = new int[8];
    private int _prefillCount;
    private int[] _joiners = new int[8];
    private int _joinerList;
    private int _joinerCount;
    private double _lastDecodeTime;
    private long _sumBase;
    private long _phaseOfD; // (-D) mod block size
    private int[] _schedRequest = new int[8];
    private int[] _schedTokens = new int[8];
    private int _schedCount;
    private long _schedTokenSum;
    private long _schedTokenSquares;
    private bool _segDecode;
    private bool _segSingle;
    private double _segStart;
    private long _segK;
    private double _segA;
    private double _segC;
    private int _segSequences;
    private int[] _scratch = new int[8];
    private int[] _released = new int[8];
    private long[] _releaseKeys = new long[8];
    private long _admissions;
    private long _preEvicted;

    public ReplicaState(
        int id,
        SequenceTable seq,
        ContinuousStats stats,
        ContinuousOptions options,
        KvBlockAllocator kv,
        bool reservesOutput,
        IAdmissionOrder waiting
    )
    {
        Id = id;
        _seq = seq;
        _stats = stats;
        _model = options.StepModel;
        _reserves = reservesOutput;
        _blockSize = options.BlockSize;
        _phase = new int[options.BlockSize];
        MaxNumSeqs = options.MaxNumSeqs;
        Kv = kv;
        Waiting = waiting;
    }

    public int Id { get; }

    public IAdmissionOrder Waiting { get; }

    /// <summary>The most sequences this replica runs at once; a controller may change it between iterations.</summary>
    public int MaxNumSeqs { get; set; }

    /// <summary>
    /// Dynamic batching: sets <see cref="MaxNumSeqs"/> after every iteration. With a controller every segment is one
    /// iteration (no closed-form stretches), since the controller reacts to each decode step.
    /// </summary>
    public IBatchSizeController? Controller { get; init; }

    public KvBlockAllocator Kv { get; }

    /// <summary>Decode iterations this replica has run (the stored context of a decode sequence is its base + D).</summary>
    public long D { get; private set; }

    public int DecodeCount { get; private set; }

    public int PrefillCount => _prefillCount;

    public int Running => DecodeCount + _prefillCount;

    public int Outstanding => Running + Waiting.Count;

    /// <summary>A segment is in flight; it ends at <see cref="SegmentEnd"/>.</summary>
    public bool Busy { get; private set; }

    public double SegmentEnd { get; private set; }

    /// <summary>Bumped whenever <see cref="SegmentEnd"/> changes (stale boundary events are skipped).</summary>
    public int Version { get; private set; }

    /// <summary>The segment in flight is a stretch of several decode iterations (it may be cut short by an arrival).</summary>
    public bool InStretch => Busy && _segK > 1;

    public double BusyTime { get; private set; }

    public bool HasPlannedWork => _schedCount > 0 || (_segDecode && DecodeCount > 0);

    /// <summary>Sequences that are prefilling, in admission order.</summary>
    public ReadOnlySpan<int> Prefilling => _prefilling.AsSpan(0, _prefillCount);

    /// <summary>Blocks the decode sequences need for their next iteration.</summary>
    public long DecodeBlocksNeeded => _reserves || DecodeCount == 0 ? 0 : NewBlocks(0);

    /// <summary>Admits <paramref name="request"/> (from the head of <see cref="Waiting"/>, already removed) holding <paramref name="blocks"/> blocks.</summary>
    public void Admit(int request, long blocks, double now)
    {
        Kv.Allocate(blocks);
        _seq.State[request] = SequenceState.Prefilling;
        _seq.PrefillLeft[request] = _seq.Prompt[request] + _seq.Generated[request];
        Append(ref _prefilling, ref _prefillCount, request);
        if (_seq.AdmitSeq is { } order)
        {
            order[request] = ++_admissions;
        }

        if (_victims.Count > 2 * Running + 64)
        {
            CompactVictims();
        }

        _victims.Enqueue(request, VictimKey(request));
        _stats.Admitted(request, Id, now);
    }

    /// <summary>
    /// Chunked allocation (vllm-v1): admits <paramref name="request"/>; its first <paramref name="hits"/> blocks come
    /// from the prefix cache (<see cref="PrefixCache.Hits"/>; 0 without caching), the rest as
    /// <see cref="AllocateChunk"/> gives them.
    /// </summary>
    public void AdmitChunked(int request, int hits, double now)
    {
        bool first = double.IsNaN(_seq.Admitted[request]);
        Admit(request, 0, now);
        int cached = hits * _blockSize;
        _seq.Slots![request] = cached;
        _seq.PrefillLeft[request] -= cached;
        if (Cache is not null)
        {
            Cache.Take(request, hits);
            if (first)
            {
                _stats.PrefixLookup(_seq.Prompt[request], cached);
            }
        }
    }

    /// <summary>
    /// Whole-prompt allocation with prefix caching (sarathi): admits <paramref name="request"/> holding its first
    /// <paramref name="hits"/> blocks from the prefix cache (<see cref="PrefixCache.Hits"/>) and
    /// <paramref name="blocks"/> new ones for the rest of its prompt (+ recomputed tokens); its blocks join the cache as
    /// <see cref="SchedulePrefill"/> schedules them full.
    /// </summary>
    public void AdmitWithPrefix(int request, int hits, long blocks, double now)
    {
        bool first = double.IsNaN(_seq.Admitted[request]);
        Admit(request, 0, now);
        int cached = hits * _blockSize;
        _seq.PrefillLeft[request] -= cached;
        Cache!.Take(request, hits);
        Cache.AllocateFresh(blocks);
        if (first)
        {
            _stats.PrefixLookup(_seq.Prompt[request], cached);
        }
    }

    /// <summary>Every decode iteration is its own segment (a router reads state a stretch settles only at its end).</summary>
    public bool SingleIterations { get; init; }

    /// <summary>Prefix caching on this replica; null = off.</summary>
    public PrefixCache? Cache { get; init; }

    /// <summary>
    /// Prefix caching: takes the blocks the next decode iteration needs from the free queue now, before this
    /// boundary's admissions look the cache up (vLLM allocates the decodes' slots first); they are counted when the
    /// iteration ends.
    /// </summary>
    public void ReserveDecodeBlocks()
    {
        if (Cache is not null && _preEvicted == 0)
        {
            _preEvicted = DecodeBlocksNeeded;
            Cache.Evict(_preEvicted);
        }
    }

    /// <summary>
    /// Chunked allocation: the blocks <paramref name="request"/> needs beyond those it holds so that
    /// <paramref name="tokens"/> more of its tokens have a KV slot.
    /// </summary>
    public long ChunkBlocks(int request, int tokens)
    {
        int slots = _seq.Slots![request];
        return Kv.BlocksFor((long)slots + tokens) - Kv.BlocksFor(slots);
    }

    /// <summary>
    /// Chunked allocation: gives <paramref name="tokens"/> more tokens of <paramref name="request"/> a KV slot (<see cref="ChunkBlocks"/> blocks).
    /// </summary>
    public void AllocateChunk(int request, int tokens, long blocks)
    {
        _seq.Slots![request] += tokens;
        if (Cache is null)
        {
            Kv.Allocate(blocks);
            return;
        }

        Cache.AllocateFresh(blocks);
        Cache.Publish(request, _seq.Slots[request] / _blockSize);
    }

    private void ReleaseBlocks(int r)
    {
        long held = HeldBlocks(r);
        if (Cache is null)
        {
            Kv.Release(held);
        }
        else
        {
            Cache.Release(r, held);
        }
    }

    /// <summary>Preempts (recompute) the running sequence the policy's victim order names; returns it.</summary>
    public int PreemptVictim()
    {
        int r = PopVictim();
        Preempt(r);
        return r;
    }

    /// <summary>The blocks a sequence holding <c>prompt + generated</c> tokens (a prefilling one) or its reservation needs.</summary>
    public long AdmissionBlocks(int request) =>
        _reserves ? Kv.BlocksFor((long)_seq.Prompt[request] + _seq.Output[request]) : Kv.BlocksFor((long)_seq.Prompt[request] + _seq.Generated[request]);

    /// <summary>
    /// Processes <paramref name="tokens"/> prompt tokens of a prefilling sequence in the planned iteration. With prefix
    /// caching and whole-prompt allocation (<see cref="AdmitWithPrefix"/>) the blocks these tokens fill join the cache
    /// now, as vLLM caches a block when it is scheduled full (chunked allocation publishes in <see cref="AllocateChunk"/>).
    /// </summary>
    public void SchedulePrefill(int request, int tokens)
    {
        if (Cache is not null && _seq.Slots is null)
        {
            Cache.Publish(request, (_seq.Prompt[request] + _seq.Generated[request] - _seq.PrefillLeft[request] + tokens) / _blockSize);
        }

        if (_schedCount == _schedRequest.Length)
        {
            Array.Resize(ref _schedRequest, _schedCount * 2);
            Array.Resize(ref _schedTokens, _schedCount * 2);
        }

        _schedRequest[_schedCount] = request;
        _schedTokens[_schedCount++] = tokens;
        _schedTokenSum += tokens;
        _schedTokenSquares += (long)tokens * tokens;
    }

    /// <summary>Whether the decode sequences run in the planned iteration.</summary>
    public void PlanDecode(bool decode) => _segDecode = decode;

    /// <summary>
    /// The planned iteration may not be extended into a closed-form stretch: the next boundary may decide otherwise
    /// even without a completion or an arrival (vllm-v1 admits nothing in an iteration that preempted).
    /// </summary>
    public void PlanSingleIteration() => _segSingle = true;

    /// <summary>
    /// Before a decode iteration: while the blocks it needs exceed the free ones, preempt the running sequence that
    /// arrived last (recompute). Returns whether anything was preempted.
    /// </summary>
    public bool EnsureDecodeBlocks()
    {
        bool any = false;
        while (!_reserves && DecodeCount > 0 && NewBlocks(0) > Kv.Free)
        {
            Preempt(PopVictim());
            any = true;
        }

        return any;
    }

    /// <summary>Starts the planned segment at <paramref name="now"/>; returns its end.</summary>
    public double StartSegment(double now)
    {
        int decoders = _segDecode ? DecodeCount : 0;
        _segSequences = _schedCount + decoders;
        long context = decoders > 0 ? _sumBase + decoders * (D + 1) : 0;
        _segStart = now;
        _segA = _model.IterationTime(_segSequences, _schedTokenSum, _schedTokenSquares, context);
        _segC = decoders > 0 ? _model.PerKvToken * decoders : 0.0;
        long k = 1;
        if (_schedCount == 0 && decoders > 0 && Controller is null && !_segSingle && !SingleIterations)
        {
            k = NextCompletion() - D;
            if (!_reserves && Cum(k) > Kv.Free)
            {
                k = Math.Min(k, LongestWithinFree());
            }
        }

        _segK = k;
        _segSingle = false;
        SegmentEnd = TimeAt(k);
        Busy = true;
        Version++;
        return SegmentEnd;
    }

    /// <summary>Cuts a decode stretch at its first boundary at or after <paramref name="time"/>; true if the end moved.</summary>
    public bool CutAt(double time)
    {
        long i = FirstBoundaryAtOrAfter(time);
        if (i >= _segK)
        {
            return false;
        }

        _segK = i;
        SegmentEnd = TimeAt(i);
        Version++;
        return true;
    }

    /// <summary>
    /// KV blocks in use at <paramref name="time"/> (a time inside the segment in flight, or at its start): the iterations started before it have allocated
    /// theirs.
    /// </summary>
    public long KvUsedAt(double time)
    {
        if (!Busy || !_segDecode || _reserves || DecodeCount == 0)
        {
            return Kv.Used;
        }

        return Kv.Used + Cum(FirstBoundaryAtOrAfter(time));
    }

    /// <summary>Ends the segment in flight: tokens, completions, decode entries. The replica is then at a boundary.</summary>
    public void FinishSegment()
    {
        double end = SegmentEnd;
        long k = _segK;
        BusyTime += end - _segStart;
        _stats.Iteration(k, _segSequences);
        if (end > _stats.LastIterationEnd)
        {
            _stats.LastIterationEnd = end;
        }

        if (_segDecode && DecodeCount > 0)
        {
            long cumK = _reserves ? 0 : Cum(k);
            _stats.Kv(k * (double)Kv.Used + (_reserves ? 0 : SumOfCum(k)), Kv.Used + cumK, Kv.Total);
            Kv.Allocate(cumK);
            Cache?.Evict(cumK - _preEvicted);
            _preEvicted = 0;
            DecodeTokens(k, end);
        }
        else
        {
            _stats.Kv(Kv.Used, Kv.Used, Kv.Total);
            _preEvicted = 0;
        }

        for (int i = 0; i < _schedCount; i++)
        {
            FinishPrefillTokens(_schedRequest[i], _schedTokens[i], end);
        }

        int prefillBatch = _schedCount;
        _schedCount = 0;
        _schedTokenSum = 0;
        _schedTokenSquares = 0;
        _segDecode = false;
        Busy = false;
        if (Controller is not null)
        {
            MaxNumSeqs = Controller.AfterIteration(end - _segStart, _segSequences - prefillBatch, prefillBatch, DecodeCount, Waiting.Count + _prefillCount);
        }
    }

    private void Complete(int r, double end)
    {
        Controller?.Completed(_seq.Prompt[r], _seq.Output[r]);
        _stats.Complete(r, end);
    }

    private void DecodeTokens(long k, double end)
    {
        double t1 = TimeAt(1);
        _stats.Gap(t1 - _lastDecodeTime, DecodeCount - _joinerCount);
        for (int i = 0; i < _joinerList; i++)
        {
            int r = _joiners[i];
            if (_seq.Joiner[r])
            {
                _seq.Joiner[r] = false;
                _stats.Gap(t1 - _seq.LastToken[r], 1);
            }
        }

        _joinerList = 0;
        _joinerCount = 0;
        if (k > 1)
        {
            _stats.GapSeries(_segA + _segC, _segC, k - 1, DecodeCount);
        }

        D += k;
        _phaseOfD = Mod(-D);
        _lastDecodeTime = end;
        if (Cache is not null)
        {
            CompleteInRunningOrder(end);
            return;
        }

        while (_finish.Count > 0 && NextCompletion() == D)
        {
            int r = _finish.Dequeue();
            ReleaseBlocks(r);
            RemoveDecoder(r);
            Complete(r, end);
        }
    }

    /// <summary>
    /// Prefix caching: the sequences completing at this iteration free their blocks in the running list's order (vLLM
    /// frees finished requests as it walks the scheduled ones), since that order is the free queue's eviction order.
    /// They are then recorded in the usual order (completion statistics are sums whose rounding depends on it).
    /// </summary>
    private void CompleteInRunningOrder(double end)
    {
        int count = 0;
        while (_finish.Count > 0 && NextCompletion() == D)
        {
            Append(ref _scratch, ref count, _finish.Dequeue());
        }

        if (_released.Length < count)
        {
            _released = new int[count * 2];
            _releaseKeys = new long[count * 2];
        }

        long[] order = _seq.AdmitSeq!;
        for (int i = 0; i < count; i++)
        {
            _released[i] = _scratch[i];
            _releaseKeys[i] = order[_scratch[i]];
        }

        Array.Sort(_releaseKeys, _released, 0, count); // admission numbers are distinct

        for (int i = 0; i < count; i++)
        {
            ReleaseBlocks(_released[i]);
        }

        for (int i = 0; i < count; i++)
        {
            int r = _scratch[i];
            RemoveDecoder(r);
            Complete(r, end);
        }
    }

    private void FinishPrefillTokens(int r, int tokens, double end)
    {
        _stats.PrefillComputed(tokens);
        _seq.PrefillLeft[r] -= tokens;
        if (_seq.PrefillLeft[r] > 0 || _seq.State[r] != SequenceState.Prefilling)
        {
            return;
        }

        RemovePrefilling(r);
        int generated = _seq.Generated[r];
        int output = _seq.Output[r];
        if (output == 0)
        {
            ReleaseBlocks(r);
            Complete(r, end);
            return;
        }

        if (generated == 0)
        {
            _stats.FirstToken(r, end);
        }
        else
        {
            _stats.Gap(end - _seq.LastToken[r], 1);
        }

        if (generated + 1 >= output)
        {
            ReleaseBlocks(r);
            Complete(r, end);
            return;
        }

        if (HandOff is not null)
        {
            // A prefill replica: the KV cache leaves for the decode pool; the blocks stay held until the transfer ends.
            _seq.State[r] = SequenceState.Transferring;
            _seq.LastToken[r] = end;
            Transferring++;
            HandOff(this, r, end);
            return;
        }

        EnterDecode(r, end);
    }

    /// <summary>
    /// Disaggregation, on a decode replica: admits <paramref name="request"/>, whose prompt's KV cache arrived over the
    /// link (its first token came from the prefill pool), straight into decode, holding the blocks of its prompt; its
    /// next token comes from this replica's next decode iteration.
    /// </summary>
    public void AdmitTransferred(int request, double now)
    {
        long blocks = Kv.BlocksFor(_seq.Prompt[request]);
        Kv.Allocate(blocks);
        if (_seq.AdmitSeq is { } order)
        {
            order[request] = ++_admissions;
        }

        if (_victims.Count > 2 * Running + 64)
        {
            CompactVictims();
        }

        _stats.Admitted(request, Id, now);
        EnterDecode(request, _seq.LastToken[request]);
        _victims.Enqueue(request, VictimKey(request));
    }

    /// <summary>Disaggregation, on a prefill replica: the transfer of <paramref name="request"/>'s KV cache ended; its blocks are freed.</summary>
    public void ReleaseTransferred(int request)
    {
        ReleaseBlocks(request);
        Transferring--;
        _seq.State[request] = SequenceState.Waiting;
        if (_seq.Slots is { } slots)
        {
            slots[request] = 0;
        }
    }

    /// <summary>Disaggregation, on a prefill replica: requests whose KV cache is on the link (their blocks still held here).</summary>
    public int Transferring { get; private set; }

    /// <summary>Disaggregation: set on prefill replicas; called when a request's prefill ends (replica, request, time).</summary>
    public Action<ReplicaState, int, double>? HandOff { get; init; }

    private void EnterDecode(int r, double lastToken)
    {
        int generated = _seq.Generated[r];

        // Enter decode: stored tokens s = prompt + generated (the new token is stored by the next decode iteration).
        long stored = (long)_seq.Prompt[r] + generated;
        long b = stored - D;
        _seq.Base[r] = b;
        _seq.State[r] = SequenceState.Decoding;
        _seq.LastToken[r] = lastToken;
        _seq.Joiner[r] = true;
        Append(ref _joiners, ref _joinerList, r);
        _joinerCount++;
        DecodeCount++;
        _sumBase += b;
        _phase[Mod(b)]++;
        _finish.Enqueue(r, FinishD(r));
    }

    private long HeldBlocks(int r) =>
        _seq.State[r] switch
        {
            _ when _reserves => Kv.BlocksFor((long)_seq.Prompt[r] + _seq.Output[r]),
            SequenceState.Decoding => Kv.BlocksFor(_seq.Base[r] + D),
            _ when _seq.Slots is { } slots => Kv.BlocksFor(slots[r]),
            _ => Kv.BlocksFor((long)_seq.Prompt[r] + _seq.Generated[r]),
        };

    /// <summary>
    /// The victim order's priority (smallest first): the latest arrival (highest request index), or with
    /// <see cref="SequenceTable.AdmitSeq"/> the latest admission (vLLM v1 pops the end of its running list).
    /// </summary>
    private long VictimKey(int r) => VictimsByAdmission ? -_seq.AdmitSeq![r] : -r;

    /// <summary>
    /// Preemption pops the latest admitted running request (vLLM's running list), not the latest arrival
    /// (<see cref="IIterationPolicy.PreemptsLatestAdmitted"/>; always on disaggregated decode replicas). Needs
    /// <see cref="SequenceTable.AdmitSeq"/>.
    /// </summary>
    public bool VictimsByAdmission { get; init; }

    private long FinishD(int r) => (long)_seq.Prompt[r] + _seq.Output[r] - 1 - _seq.Base[r];

    private void Preempt(int r)
    {
        ReleaseBlocks(r);
        if (_seq.State[r] == SequenceState.Decoding)
        {
            _seq.Generated[r] = (int)(_seq.Base[r] + D - _seq.Prompt[r] + 1);
            if (_seq.Joiner[r])
            {
                _seq.Joiner[r] = false;
                _joinerCount--;
            }
            else
            {
                _seq.LastToken[r] = _lastDecodeTime;
            }

            RemoveDecoder(r);
        }
        else
        {
            RemovePrefilling(r);
        }

        _seq.State[r] = SequenceState.Waiting;
        if (_seq.Slots is { } slots)
        {
            slots[r] = 0;
        }

        Waiting.PushFront(r);
        _stats.Preempted(r);
    }

    private void RemoveDecoder(int r)
    {
        long b = _seq.Base[r];
        DecodeCount--;
        _sumBase -= b;
        _phase[Mod(b)]--;
        _seq.State[r] = SequenceState.Done; // the caller sets the final state
    }

    private void RemovePrefilling(int r)
    {
        int i = Array.IndexOf(_prefilling, r, 0, _prefillCount);
        Array.Copy(_prefilling, i + 1, _prefilling, i, _prefillCount - i - 1);
        _prefillCount--;
    }

    private int PopVictim()
    {
        while (true)
        {
            _victims.TryDequeue(out int r, out long key);
            if (_seq.State[r] is SequenceState.Prefilling or SequenceState.Decoding && key == VictimKey(r))
            {
                return r;
            }
        }
    }

    private void CompactVictims()
    {
        if (_scratch.Length < _victims.Count)
        {
            _scratch = new int[_victims.Count * 2];
        }

        int live = 0;
        foreach (var (r, key) in _victims.UnorderedItems)
        {
            if (_seq.State[r] is SequenceState.Prefilling or SequenceState.Decoding && key == VictimKey(r))
            {
                _scratch[live++] = r;
            }
        }

        _victims.Clear();
        for (int i = 0; i < live; i++)
        {
            _victims.Enqueue(_scratch[i], VictimKey(_scratch[i]));
        }
    }

    /// <summary>The decode counter at which the next decode sequence completes (stale heap entries dropped).</summary>
    private long NextCompletion()
    {
        while (_finish.TryPeek(out int r, out long at))
        {
            if (_seq.State[r] == SequenceState.Decoding && FinishD(r) == at)
            {
                return at;
            }

            _finish.Dequeue();
        }

        return long.MaxValue;
    }

    private int Mod(long x)
    {
        long m = x % _blockSize;
        return (int)(m < 0 ? m + _blockSize : m);
    }

    /// <summary>
    /// Decode sequences needing a new block in the iteration <paramref name="offset"/> (0 .. block size - 1) iterations from now (stored tokens a multiple of
    /// the block size).
    /// </summary>
    private int NewBlocks(long offset)
    {
        long index = _phaseOfD - offset;
        return _phase[index < 0 ? index + _blockSize : index];
    }

    /// <summary>New blocks the next <paramref name="iterations"/> decode iterations allocate (periodic with period = block size, n per period).</summary>
    private long Cum(long iterations)
    {
        long total = iterations / _blockSize * DecodeCount;
        long rest = iterations % _blockSize;
        for (long i = 0; i < rest; i++)
        {
            total += NewBlocks(i);
        }

        return total;
    }

    /// <summary>Sum over j = 1..k of Cum(j): each block allocated at offset e counts k - e times.</summary>
    private double SumOfCum(long k)
    {
        double sum = 0;
        if (k <= _blockSize)
        {
            for (long q = 0; q < k; q++)
            {
                sum += NewBlocks(q) * (double)(k - q);
            }

            return sum;
        }

        for (long q = 0; q < _blockSize && q < k; q++)
        {
            long m = (k - 1 - q) / _blockSize + 1;
            sum += NewBlocks(q) * (m * (double)(k - q) - _blockSize * (m * (double)(m - 1) / 2));
        }

        return sum;
    }

    /// <summary>The most iterations whose new blocks fit the free ones (at least 1: the plan made the first fit).</summary>
    private long LongestWithinFree()
    {
        long free = Kv.Free;
        long cycles = free / DecodeCount;
        long j = cycles * _blockSize;
        long used = cycles * DecodeCount;
        for (long i = 0; i < _blockSize; i++)
        {
            used += NewBlocks(i);
            if (used > free)
            {
                break;
            }

            j++;
        }

        return Math.Max(1, j);
    }

    /// <summary>Start of iteration j of the segment in flight (j = k: its end).</summary>
    private double TimeAt(long j) => _segStart + j * _segA + _segC * (j * (double)(j - 1) / 2);

    /// <summary>The smallest j &gt;= 1 with T(j) &gt;= time (at most the segment's length).</summary>
    private long FirstBoundaryAtOrAfter(double time)
    {
        double dt = time - _segStart;
        double guess;
        if (_segC > 0)
        {
            double b = _segA - _segC / 2;
            guess = (-b + Math.Sqrt(b * b + 2 * _segC * dt)) / _segC;
        }
        else
        {
            guess = dt / _segA;
        }

        long i = (long)Math.Clamp(Math.Ceiling(guess), 1, _segK);
        while (i < _segK && TimeAt(i) < time)
        {
            i++;
        }

        while (i > 1 && TimeAt(i - 1) >= time)
        {
            i--;
        }

        return i;
    }

    private static void Append(ref int[] array, ref int count, int value)
    {
        if (count == array.Length)
        {
            Array.Resize(ref array, count * 2);
        }

        array[count++] = value;
    }
}
