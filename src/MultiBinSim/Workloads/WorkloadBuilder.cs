namespace MultiBinSim.Workloads;

/// <summary>Turns a trace into a workload: first N rows, predictions in row order, stable sort by time, rebased and scaled arrivals.</summary>
public static class WorkloadBuilder
{
    public static Workload Build(Trace trace, WorkloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(trace);
        options.Validate();
        var predictor = Predictors.Create(options.Predictor, options.PredictorSigma);

        int[] rows = SelectRows(trace, options);
        int n = rows.Length;
        if (n == 0)
        {
            throw new TraceFormatException(
                trace.Source,
                null,
                null,
                $"no requests left to simulate (the trace has {trace.Count} rows{(options.DropFailed ? ", all failed" : "")})."
            );
        }

        var ids = rows; // the selected rows' positions in the trace are the requests' ids
        double[] timestamps;
        int[] prompt,
            output;
        int[]? column;
        if (n == trace.Count)
        {
            // Every row, in order: the workload reads the trace's own columns (neither side ever writes them).
            (timestamps, prompt, output, column) = (trace.Timestamps, trace.RequestTokens, trace.ResponseTokens, trace.PredictedTokens);
        }
        else
        {
            timestamps = new double[n];
            prompt = new int[n];
            output = new int[n];
            column = trace.PredictedTokens is null ? null : new int[n];
            for (int i = 0; i < n; i++)
            {
                int row = rows[i];
                timestamps[i] = trace.Timestamps[row];
                prompt[i] = trace.RequestTokens[row];
                output[i] = trace.ResponseTokens[row];
                if (column is not null)
                {
                    column[i] = trace.PredictedTokens![row];
                }
            }
        }

        // Predictions are drawn in file row order, before sorting, so row i's prediction never depends on later rows.
        var predicted = new int[n];
        predictor.Predict(new PredictionInput(prompt, output, column, column is not null), predicted, options.Seed);

        var warnings = new List<string>();
        int outOfOrder = CountOutOfOrder(timestamps);
        if (outOfOrder > 0)
        {
            warnings.Add($"{trace.Source}: timestamps are not sorted ({outOfOrder} rows arrive before the row above them); sorted them stably by time.");
            // Array.Sort is unstable; sorting (time, original position) pairs keeps equal times in file order.
            var order = new int[n];
            for (int i = 0; i < n; i++)
            {
                order[i] = i;
            }

            var keys = (double[])timestamps.Clone();
            Array.Sort(
                order,
                Comparer<int>.Create(
                    (a, b) =>
                    {
                        int c = keys[a].CompareTo(keys[b]);
                        return c != 0 ? c : a.CompareTo(b);
                    }
                )
            );
            ids = Permute(ids, order);
            rows = ids;
            timestamps = Permute(timestamps, order);
            prompt = Permute(prompt, order);
            output = Permute(output, order);
            predicted = Permute(predicted, order);
        }

        var arrivals = new double[n];
        double first = timestamps[0];
        for (int i = 0; i < n; i++)
        {
            // Same operation order as the original simulator: rebase, then divide.
            double rebased = timestamps[i] - first;
            arrivals[i] = options.RealTimestamps ? rebased : rebased / options.RpsScaling;
        }

        var workload = new Workload(trace.Source, trace.IsSynthetic, predictor.Name, options.Seed, ids, arrivals, prompt, output, predicted, n, warnings);
        if (options.PrefixShare is double share)
        {
            // The shared-prefix model replaces any identity the trace has (README, "Prefix caching").
            return workload.WithPrefixes(
                PrefixIdentity.SharedPrefixModel(prompt.AsSpan(0, n), share, options.PrefixGroups ?? WorkloadOptions.DefaultPrefixGroups, options.Seed)
            );
        }

        return trace.Prefixes is { } prefixes ? workload.WithPrefixes(prefixes.Select(rows)) : workload;
    }

    private static int[] SelectRows(Trace trace, WorkloadOptions options)
    {
        int limit = Math.Min(options.Requests ?? int.MaxValue, trace.Count);
        var rows = new int[limit];
        int taken = 0;
        var response = trace.ResponseTokens;
        for (int row = 0; row < trace.Count && taken < limit; row++)
        {
            if (!options.DropFailed || response[row] != 0)
            {
                rows[taken++] = row;
            }
        }

        return taken == limit ? rows : rows[..taken];
    }

    private static int CountOutOfOrder(double[] values)
    {
        int count = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] < values[i - 1])
            {
                count++;
            }
        }

        return count;
    }

    private static T[] Permute<T>(T[] values, int[] order)
    {
        var result = new T[values.Length];
        for (int i = 0; i < order.Length; i++)
        {
            result[i] = values[order[i]];
        }

        return result;
    }
}
