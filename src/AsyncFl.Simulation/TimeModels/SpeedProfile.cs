namespace AsyncFl.Simulation;

/// <summary>
/// A piecewise-constant speed function <c>v(t) ≥ 0</c> (units of work per second) for the "universal" time model:
/// <c>v(t) = speeds[j]</c> on <c>[times[j], times[j+1])</c>, the last speed holding for ever, or, when
/// <see cref="Period"/> is set, the whole pattern repeating every <see cref="Period"/> seconds. A speed of 0 is an
/// outage. The time to do <c>k</c> units from <c>t₀</c> is the smallest <c>t</c> with <c>∫_{t₀}^{t} v = k</c>,
/// computed exactly (prefix integrals + binary search, O(log segments)). Immutable and thread-safe.
/// </summary>
public sealed class SpeedProfile
{
    private readonly double[] _times;   // breakpoints; _times[0] = 0; in periodic mode the last entry is the period
    private readonly double[] _speeds;  // speed on [_times[j], _times[j+1])
    private readonly double[] _work;    // ∫_0^{_times[j]} v

    /// <summary>Creates a profile.</summary>
    /// <param name="times">Breakpoints, strictly increasing, the first one 0.</param>
    /// <param name="speeds">Speeds ≥ 0 (same count as <paramref name="times"/>).</param>
    /// <param name="period">If given, the pattern repeats with this period (&gt; last breakpoint).</param>
    public SpeedProfile(IReadOnlyList<double> times, IReadOnlyList<double> speeds, double? period = null)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(speeds);
        var errors = new List<string>();
        if (times.Count == 0 || times.Count != speeds.Count)
        {
            errors.Add($"times ({times.Count}) and speeds ({speeds.Count}) must be non-empty and of equal length");
        }
        else
        {
            if (times[0] != 0)
            {
                errors.Add($"times[0] = {times[0]} must be 0");
            }

            for (int j = 0; j < times.Count; j++)
            {
                if (!double.IsFinite(times[j]) || (j > 0 && times[j] <= times[j - 1]))
                {
                    errors.Add($"times[{j}] = {times[j]} must be finite and greater than times[{j - 1}]");
                }

                if (!double.IsFinite(speeds[j]) || speeds[j] < 0)
                {
                    errors.Add($"speeds[{j}] = {speeds[j]} must be finite and ≥ 0");
                }
            }

            if (period is double p && (!double.IsFinite(p) || p <= times[^1]))
            {
                errors.Add($"period = {p} must be finite and greater than the last breakpoint {times[^1]}");
            }
        }

        Validation.Throw(errors, "speed profile");
        int n = times.Count + (period.HasValue ? 1 : 0);
        _times = new double[n];
        _speeds = new double[n];
        for (int j = 0; j < times.Count; j++)
        {
            _times[j] = times[j];
            _speeds[j] = speeds[j];
        }

        if (period is double per)
        {
            _times[^1] = per;
            _speeds[^1] = 0; // unused: the last breakpoint is the end of the period
        }

        Period = period;
        _work = new double[n];
        for (int j = 1; j < n; j++)
        {
            _work[j] = _work[j - 1] + (_speeds[j - 1] * (_times[j] - _times[j - 1]));
        }
    }

    /// <summary>A constant speed (no outage).</summary>
    /// <param name="unitsPerSecond">v ≥ 0.</param>
    public static SpeedProfile Constant(double unitsPerSecond) => new([0.0], [unitsPerSecond]);

    /// <summary>The repetition period, or null for a one-off profile.</summary>
    public double? Period { get; }

    /// <summary>Work done from time 0 to <paramref name="time"/>: <c>∫_0^t v</c>.</summary>
    /// <param name="time">t ≥ 0.</param>
    public double CumulativeWork(double time)
    {
        if (time <= 0)
        {
            return 0;
        }

        if (Period is double p)
        {
            double cycles = Math.Floor(time / p);
            return (cycles * _work[^1]) + WorkWithin(time - (cycles * p));
        }

        return WorkWithin(time);
    }

    /// <summary>Work done on <c>[t₀, t₁]</c>.</summary>
    /// <param name="t0">Start.</param>
    /// <param name="t1">End ≥ start.</param>
    public double WorkBetween(double t0, double t1) => CumulativeWork(t1) - CumulativeWork(t0);

    /// <summary>The smallest <c>t ≥ t₀</c> with <c>∫_{t₀}^{t} v = units</c>; +∞ if the speed stays 0 for ever before then.</summary>
    /// <param name="startTime">t₀ ≥ 0.</param>
    /// <param name="units">Work to do, ≥ 0.</param>
    public double CompletionTime(double startTime, double units)
    {
        if (!double.IsFinite(startTime) || startTime < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(startTime), startTime, "Must be finite and ≥ 0.");
        }

        if (!double.IsFinite(units) || units < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(units), units, "Must be finite and ≥ 0.");
        }

        if (units == 0)
        {
            return startTime;
        }

        double target = CumulativeWork(startTime) + units;
        double t;
        if (Period is double p)
        {
            double perCycle = _work[^1];
            if (perCycle <= 0)
            {
                return double.PositiveInfinity;
            }

            // target = q·W_P + r with r ∈ (0, W_P]
            double q = Math.Ceiling(target / perCycle) - 1;
            double r = target - (q * perCycle);
            if (r <= 0)
            {
                q -= 1;
                r += perCycle;
            }

            t = (q * p) + InverseWithin(r);
        }
        else
        {
            t = InverseWithin(target);
        }

        return Math.Max(t, startTime);
    }

    private double WorkWithin(double time)
    {
        int j = SegmentOf(time);
        return _work[j] + (_speeds[j] * (time - _times[j]));
    }

    // last index j with _times[j] <= time
    private int SegmentOf(double time)
    {
        int idx = Array.BinarySearch(_times, time);
        return idx >= 0 ? idx : (~idx) - 1;
    }

    // smallest t (within one period, or on the one-off profile) with W(t) >= target > 0
    private double InverseWithin(double target)
    {
        // first breakpoint m >= 1 with _work[m] >= target
        int lo = 1, hi = _work.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_work[mid] >= target)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        int m = lo;
        if (m == _work.Length)
        {
            // beyond the last breakpoint (one-off profile only)
            double vLast = _speeds[^1];
            return vLast > 0 ? _times[^1] + ((target - _work[^1]) / vLast) : double.PositiveInfinity;
        }

        // W(times[m-1]) < target <= W(times[m]) so the speed on segment m-1 is > 0
        double t = _times[m - 1] + ((target - _work[m - 1]) / _speeds[m - 1]);
        return Math.Min(t, _times[m]);
    }
}
