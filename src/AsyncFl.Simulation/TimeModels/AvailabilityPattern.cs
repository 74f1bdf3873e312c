namespace AsyncFl.Simulation;

/// <summary>
/// When a device is online. <see cref="AlwaysOn"/>; <see cref="Periodic"/>: online on
/// <c>[offset + kP, offset + kP + on)</c> for every integer <c>k</c>, offline otherwise; <see cref="Windows"/>:
/// online exactly on an explicit list of half-open intervals <c>[start, end)</c>, offline before, between and after.
/// Immutable and thread-safe; instances may be shared by many devices.
/// </summary>
public sealed class AvailabilityPattern
{
    private readonly double[]? _bounds; // explicit: start0, end0, start1, end1, … strictly increasing

    private AvailabilityPattern(double period, double on, double offset, double[]? bounds)
    {
        PeriodSeconds = period;
        OnSeconds = on;
        OffsetSeconds = offset;
        _bounds = bounds;
    }

    /// <summary>Always online.</summary>
    public static AvailabilityPattern AlwaysOn { get; } = new(double.PositiveInfinity, double.PositiveInfinity, 0, null);

    /// <summary>The period (∞ for always-on or explicit windows).</summary>
    public double PeriodSeconds { get; }

    /// <summary>Online seconds per period.</summary>
    public double OnSeconds { get; }

    /// <summary>Start of the first online window of a periodic pattern.</summary>
    public double OffsetSeconds { get; }

    /// <summary>Whether the device is never offline.</summary>
    public bool IsAlwaysOn => _bounds is null && OnSeconds >= PeriodSeconds;

    /// <summary>Online for <paramref name="onSeconds"/> out of every <paramref name="periodSeconds"/>, windows starting at <paramref name="offsetSeconds"/> + kP.</summary>
    /// <param name="periodSeconds">P &gt; 0.</param>
    /// <param name="onSeconds">0 ≤ on ≤ P (on = P is always on).</param>
    /// <param name="offsetSeconds">Offset (any finite value; taken modulo P).</param>
    public static AvailabilityPattern Periodic(double periodSeconds, double onSeconds, double offsetSeconds = 0)
    {
        var errors = new List<string>();
        if (!double.IsFinite(periodSeconds) || periodSeconds <= 0)
        {
            errors.Add($"periodSeconds = {periodSeconds} must be finite and > 0");
        }

        if (!double.IsFinite(onSeconds) || onSeconds < 0 || onSeconds > periodSeconds)
        {
            errors.Add($"onSeconds = {onSeconds} must lie in [0, periodSeconds]");
        }

        if (!double.IsFinite(offsetSeconds))
        {
            errors.Add($"offsetSeconds = {offsetSeconds} must be finite");
        }

        Validation.Throw(errors, "periodic availability");
        double offset = offsetSeconds - (Math.Floor(offsetSeconds / periodSeconds) * periodSeconds);
        return new(periodSeconds, onSeconds, offset, null);
    }

    /// <summary>Online exactly on the given <c>[start, end)</c> windows (sorted, non-overlapping, non-empty).</summary>
    /// <param name="windows">The windows.</param>
    public static AvailabilityPattern Windows(IReadOnlyList<(double Start, double End)> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var bounds = new double[windows.Count * 2];
        var errors = new List<string>();
        double previous = double.NegativeInfinity;
        for (int i = 0; i < windows.Count; i++)
        {
            (double s, double e) = windows[i];
            if (double.IsNaN(s) || double.IsNaN(e) || !(s < e) || !(s > previous) || double.IsInfinity(s))
            {
                errors.Add($"window {i} = [{s}, {e}) must be non-empty and start after the previous window's end {previous}");
            }

            bounds[2 * i] = s;
            bounds[(2 * i) + 1] = e;
            previous = e;
        }

        Validation.Throw(errors, "availability windows");
        return new(double.PositiveInfinity, 0, 0, bounds);
    }

    /// <summary>Whether the device is online at <paramref name="time"/>.</summary>
    /// <param name="time">Virtual time.</param>
    public bool IsAvailable(double time)
    {
        if (_bounds is not null)
        {
            // number of bounds ≤ time: odd → inside a window
            return (UpperBound(_bounds, time) & 1) == 1;
        }

        if (OnSeconds >= PeriodSeconds)
        {
            return true;
        }

        return Phase(time) < OnSeconds;
    }

    /// <summary>The first time strictly after <paramref name="time"/> at which availability changes (+∞ if never).</summary>
    /// <param name="time">Virtual time.</param>
    public double NextChange(double time)
    {
        if (_bounds is not null)
        {
            int k = UpperBound(_bounds, time);
            return k < _bounds.Length ? _bounds[k] : double.PositiveInfinity;
        }

        if (OnSeconds >= PeriodSeconds || OnSeconds <= 0)
        {
            return double.PositiveInfinity;
        }

        double phase = Phase(time);
        double start = time - phase;
        return phase < OnSeconds ? start + OnSeconds : start + PeriodSeconds;
    }

    private double Phase(double time)
    {
        double x = time - OffsetSeconds;
        return x - (Math.Floor(x / PeriodSeconds) * PeriodSeconds);
    }

    // number of entries <= value
    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
