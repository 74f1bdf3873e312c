namespace AsyncFl.Simulation;

/// <summary>
/// The standard <see cref="IDeviceFleet"/>: devices grouped in <see cref="DeviceTier"/>s, stored as struct-of-arrays
/// (per device: a tier byte, a <see cref="double"/> τ_i, and only where needed a <see cref="float"/> availability
/// phase and a <see cref="float"/> noise scale; about 9–17 bytes per device, no object per device), so a fleet of a
/// million devices costs a few megabytes. Immutable and thread-safe; every draw comes from the stream passed in.
/// </summary>
/// <remarks>
/// <para>Compute: <c>k</c> units take <c>k·τ_i + s_i·Σ_{j≤k} η_j</c>, <c>η</c> from the tier's
/// <see cref="DeviceTier.Noise"/>, <c>s_i</c> the device's noise scale (its speed multiplier
/// <c>τ_i / tier.SecondsPerUnit</c> for tier fleets, or the scales given to <see cref="FromComputeTimes"/>), unless a
/// custom <see cref="ITimeModel"/> replaces it (<see cref="WithComputeModel"/>).</para>
/// <para>Communication: the tier's <see cref="CommunicationLink"/>, <c>latency + bytes ÷ bandwidth</c>.</para>
/// <para>Dropout: with the tier's probability <c>p</c> a task fails at a time uniform in <c>[0, duration)</c>; one
/// uniform draw decides, a second gives the time (none when <c>p = 0</c>).</para>
/// <para>Availability: the tier's daily window with a per-device random phase, or per-device
/// <see cref="AvailabilityPattern"/>s (<see cref="WithAvailability"/>).</para>
/// </remarks>
public sealed class DeviceFleet : IDeviceFleet
{
    private readonly DeviceTier[] _tiers;
    private readonly byte[] _tier;
    private readonly double[] _secondsPerUnit;
    private readonly float[]? _noiseScale;
    private readonly float[]? _phase;
    private readonly bool _noiseScalesWithSpeed;
    private readonly ITimeModel? _computeModel;
    private readonly AvailabilityPattern[]? _availability;

    private DeviceFleet(
        DeviceTier[] tiers,
        byte[] tier,
        double[] secondsPerUnit,
        float[]? noiseScale,
        float[]? phase,
        bool noiseScalesWithSpeed,
        ITimeModel? computeModel,
        AvailabilityPattern[]? availability)
    {
        _tiers = tiers;
        _tier = tier;
        _secondsPerUnit = secondsPerUnit;
        _noiseScale = noiseScale;
        _phase = phase;
        _noiseScalesWithSpeed = noiseScalesWithSpeed;
        _computeModel = computeModel;
        _availability = availability;
    }

    /// <inheritdoc />
    public int Count => _tier.Length;

    /// <summary>The tiers (index = <see cref="TierIndex"/>).</summary>
    public IReadOnlyList<DeviceTier> Tiers => _tiers;

    /// <summary>The custom compute model, or null when the tier model is used.</summary>
    public ITimeModel? ComputeModel => _computeModel;

    /// <summary>Bytes held per device by the fleet's per-device arrays (array payloads only, headers excluded).</summary>
    public int BytesPerDevice =>
        sizeof(byte) + sizeof(double) + (_noiseScale is null ? 0 : sizeof(float)) + (_phase is null ? 0 : sizeof(float))
        + (_availability is null ? 0 : IntPtr.Size);

    /// <summary>Builds a fleet from tiers and device counts. Device τ_i, availability phases and (if
    /// <paramref name="shuffle"/>) the order of devices are drawn from <paramref name="seed"/>.</summary>
    /// <param name="mix">(tier, count) pairs; at most 256 tiers.</param>
    /// <param name="seed">Seed for the per-device draws.</param>
    /// <param name="shuffle">Interleave the tiers randomly (otherwise devices are grouped by tier in the given order).</param>
    public static DeviceFleet FromTiers(IReadOnlyList<(DeviceTier Tier, int Count)> mix, long seed, bool shuffle = true)
    {
        ArgumentNullException.ThrowIfNull(mix);
        var errors = new List<string>();
        if (mix.Count is 0 or > 256)
        {
            errors.Add($"the mix has {mix.Count} tiers; it needs 1 to 256");
        }

        long total = 0;
        for (int t = 0; t < mix.Count; t++)
        {
            if (mix[t].Tier is null)
            {
                errors.Add($"mix[{t}].Tier is null");
                continue;
            }

            mix[t].Tier.Validate(errors);
            if (mix[t].Count < 0)
            {
                errors.Add($"mix[{t}].Count = {mix[t].Count} must be ≥ 0");
            }

            total += Math.Max(0, mix[t].Count);
        }

        if (total > Array.MaxLength)
        {
            errors.Add($"{total} devices are too many");
        }

        Validation.Throw(errors, "device fleet");
        var tiers = new DeviceTier[mix.Count];
        var tierOf = new byte[total];
        int at = 0;
        for (int t = 0; t < mix.Count; t++)
        {
            tiers[t] = mix[t].Tier;
            tierOf.AsSpan(at, mix[t].Count).Fill((byte)t);
            at += mix[t].Count;
        }

        var random = RandomSource.Create(seed, 0x_F1EE7);
        if (shuffle)
        {
            for (int i = tierOf.Length - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (tierOf[i], tierOf[j]) = (tierOf[j], tierOf[i]);
            }
        }

        var spu = new double[total];
        bool anyPeriodic = false;
        foreach (DeviceTier t in tiers)
        {
            anyPeriodic |= t.AvailableFraction < 1;
        }

        float[]? phase = anyPeriodic ? new float[total] : null;
        for (int i = 0; i < spu.Length; i++)
        {
            DeviceTier t = tiers[tierOf[i]];
            spu[i] = t.SpeedSpread > 0 ? t.SecondsPerUnit * Math.Exp(t.SpeedSpread * random.NextGaussian()) : t.SecondsPerUnit;
            if (phase is not null && t.AvailableFraction < 1)
            {
                phase[i] = (float)(random.NextDouble() * t.AvailabilityPeriodSeconds);
            }
        }

        return new DeviceFleet(tiers, tierOf, spu, null, phase, true, null, null);
    }

    /// <summary>Builds a fleet of <paramref name="count"/> devices split between tiers by fractions (largest-remainder
    /// rounding, so the counts add up to <paramref name="count"/>).</summary>
    /// <param name="count">Number of devices.</param>
    /// <param name="mix">(tier, fraction) pairs; fractions ≥ 0 with a positive sum (normalised).</param>
    /// <param name="seed">Seed for the per-device draws.</param>
    /// <param name="shuffle">Interleave the tiers randomly.</param>
    public static DeviceFleet FromTierFractions(int count, IReadOnlyList<(DeviceTier Tier, double Fraction)> mix, long seed, bool shuffle = true)
    {
        ArgumentNullException.ThrowIfNull(mix);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        double sum = 0;
        for (int t = 0; t < mix.Count; t++)
        {
            double f = mix[t].Fraction;
            if (!double.IsFinite(f) || f < 0)
            {
                throw new ArgumentException($"mix[{t}].Fraction = {f} must be finite and ≥ 0.", nameof(mix));
            }

            sum += f;
        }

        if (!(sum > 0))
        {
            throw new ArgumentException("The fractions must have a positive sum.", nameof(mix));
        }

        var counts = new (DeviceTier, int)[mix.Count];
        var remainders = new (double Rem, int Index)[mix.Count];
        int assigned = 0;
        for (int t = 0; t < mix.Count; t++)
        {
            double exact = count * mix[t].Fraction / sum;
            int c = (int)Math.Floor(exact);
            counts[t] = (mix[t].Tier, c);
            remainders[t] = (exact - c, t);
            assigned += c;
        }

        Array.Sort(remainders, (a, b) => b.Rem != a.Rem ? b.Rem.CompareTo(a.Rem) : a.Index.CompareTo(b.Index));
        for (int k = 0; assigned < count; k++, assigned++)
        {
            int t = remainders[k % remainders.Length].Index;
            counts[t] = (counts[t].Item1, counts[t].Item2 + 1);
        }

        return FromTiers(counts, seed, shuffle);
    }

    /// <summary>
    /// A fleet from explicit per-device seconds per unit τ_i (the scheduler papers' fixed model), with optional
    /// per-unit noise <c>η</c> scaled per device: <c>k</c> units take <c>k·τ_i + s_i·Σ η_j</c>. Communication, dropout
    /// and availability come from <paramref name="template"/> (default: free, never fails, always online).
    /// </summary>
    /// <param name="secondsPerUnit">τ_i ≥ 0 (copied).</param>
    /// <param name="noise">Per-unit noise (default none).</param>
    /// <param name="noiseScale">s_i ≥ 0 per device (default 1).</param>
    /// <param name="template">Link, dropout and availability shared by all devices; its SecondsPerUnit, SpeedSpread and
    /// Noise are ignored.</param>
    /// <param name="seed">Seed for the availability phases (only used if the template is not always online).</param>
    public static DeviceFleet FromComputeTimes(
        IReadOnlyList<double> secondsPerUnit,
        NoiseDistribution? noise = null,
        IReadOnlyList<double>? noiseScale = null,
        DeviceTier? template = null,
        long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(secondsPerUnit);
        double[] spu = Validation.CopyNonNegative(secondsPerUnit, nameof(secondsPerUnit));
        DeviceTier tier = (template ?? new DeviceTier("custom", 1.0)) with { Noise = noise ?? NoiseDistribution.None, SpeedSpread = 0 };
        var errors = new List<string>();
        tier.Validate(errors);
        Validation.Throw(errors, "template tier");
        float[]? scale = null;
        if (noiseScale is not null)
        {
            if (noiseScale.Count != spu.Length)
            {
                throw new ArgumentException($"noiseScale has {noiseScale.Count} entries; secondsPerUnit has {spu.Length}.", nameof(noiseScale));
            }

            double[] s = Validation.CopyNonNegative(noiseScale, nameof(noiseScale));
            scale = new float[s.Length];
            for (int i = 0; i < s.Length; i++)
            {
                scale[i] = (float)s[i];
            }
        }

        float[]? phase = null;
        if (tier.AvailableFraction < 1)
        {
            var random = RandomSource.Create(seed, 0x_F1EE7);
            phase = new float[spu.Length];
            for (int i = 0; i < phase.Length; i++)
            {
                phase[i] = (float)(random.NextDouble() * tier.AvailabilityPeriodSeconds);
            }
        }

        return new DeviceFleet([tier], new byte[spu.Length], spu, scale, phase, false, null, null);
    }

    /// <summary>The Ringmaster script's fleet (scheduler spec §3.5): τ_i = 1 + √i for i = 0…n−1, randomly permuted,
    /// plus per-gradient half-normal noise |N(0, i+1)| (scale √(i+1), keyed on the device index).</summary>
    /// <param name="count">n.</param>
    /// <param name="random">Draws the permutation.</param>
    public static DeviceFleet Ringmaster(int count, RandomSource random) =>
        FromComputeTimes(ComputeTimes.OnePlusSqrtShuffled(count, random), NoiseDistribution.HalfNormal(1.0), ComputeTimes.SqrtIndexPlusOne(count));

    /// <summary>A copy of this fleet whose compute time comes from <paramref name="model"/> (links, dropout and
    /// availability unchanged).</summary>
    /// <param name="model">The compute model; its <see cref="ITimeModel.Count"/> must equal <see cref="Count"/>.</param>
    public DeviceFleet WithComputeModel(ITimeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Count != Count)
        {
            throw new ArgumentException($"The model describes {model.Count} devices; the fleet has {Count}.", nameof(model));
        }

        return new DeviceFleet(_tiers, _tier, _secondsPerUnit, _noiseScale, _phase, _noiseScalesWithSpeed, model, _availability);
    }

    /// <summary>A copy of this fleet with per-device availability patterns (instances may be shared).</summary>
    /// <param name="patterns">One pattern per device.</param>
    public DeviceFleet WithAvailability(IReadOnlyList<AvailabilityPattern> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        if (patterns.Count != Count)
        {
            throw new ArgumentException($"{patterns.Count} patterns for {Count} devices.", nameof(patterns));
        }

        var copy = new AvailabilityPattern[Count];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = patterns[i] ?? throw new ArgumentException($"patterns[{i}] is null.", nameof(patterns));
        }

        return new DeviceFleet(_tiers, _tier, _secondsPerUnit, _noiseScale, _phase, _noiseScalesWithSpeed, _computeModel, copy);
    }

    /// <summary>The index (into <see cref="Tiers"/>) of device <paramref name="client"/>'s tier.</summary>
    /// <param name="client">The device.</param>
    public int TierIndex(int client) => _tier[client];

    /// <summary>Device <paramref name="client"/>'s tier.</summary>
    /// <param name="client">The device.</param>
    public DeviceTier Tier(int client) => _tiers[_tier[client]];

    /// <summary>τ_i: the device's fixed seconds per unit (without noise).</summary>
    /// <param name="client">The device.</param>
    public double SecondsPerUnit(int client) => _secondsPerUnit[client];

    /// <summary>The noise scale s_i of the device.</summary>
    /// <param name="client">The device.</param>
    public double NoiseScale(int client)
    {
        if (_noiseScale is not null)
        {
            return _noiseScale[client];
        }

        if (_noiseScalesWithSpeed)
        {
            double baseSpu = _tiers[_tier[client]].SecondsPerUnit;
            return baseSpu > 0 ? _secondsPerUnit[client] / baseSpu : 1.0;
        }

        return 1.0;
    }

    /// <summary>Expected seconds per unit of the tier model, <c>τ_i + s_i·E[η]</c> (ignores a custom compute model).</summary>
    /// <param name="client">The device.</param>
    public double MeanSecondsPerUnit(int client)
    {
        NoiseDistribution noise = _tiers[_tier[client]].Noise;
        return _secondsPerUnit[client] + (noise.Kind == NoiseKind.None ? 0 : NoiseScale(client) * noise.Mean);
    }

    /// <inheritdoc />
    public double ComputeSeconds(int client, int localSteps, int samples, double startTime, RandomSource random)
    {
        if (_computeModel is not null)
        {
            return _computeModel.ComputeSeconds(client, localSteps, samples, startTime, random);
        }

        ArgumentOutOfRangeException.ThrowIfNegative(localSteps);
        double seconds = localSteps * _secondsPerUnit[client];
        NoiseDistribution noise = _tiers[_tier[client]].Noise;
        if (noise.Kind != NoiseKind.None && localSteps > 0)
        {
            double sum = 0;
            for (int k = 0; k < localSteps; k++)
            {
                sum += noise.Sample(random);
            }

            seconds += NoiseScale(client) * sum;
        }

        return seconds;
    }

    /// <inheritdoc />
    public double DownloadSeconds(int client, long bytes) => _tiers[_tier[client]].Link.DownloadSeconds(bytes);

    /// <inheritdoc />
    public double UploadSeconds(int client, long bytes) => _tiers[_tier[client]].Link.UploadSeconds(bytes);

    /// <inheritdoc />
    public bool DrawFailure(int client, double durationSeconds, RandomSource random, out double failAfterSeconds)
    {
        ArgumentNullException.ThrowIfNull(random);
        double p = _tiers[_tier[client]].DropoutProbability;
        if (p > 0 && random.NextDouble() < p)
        {
            failAfterSeconds = double.IsFinite(durationSeconds) && durationSeconds > 0 ? random.NextDouble() * durationSeconds : 0;
            return true;
        }

        failAfterSeconds = double.PositiveInfinity;
        return false;
    }

    /// <inheritdoc />
    public bool IsAvailable(int client, double time)
    {
        if (_availability is not null)
        {
            return _availability[client].IsAvailable(time);
        }

        DeviceTier t = _tiers[_tier[client]];
        if (t.AvailableFraction >= 1 || _phase is null)
        {
            return true;
        }

        return PhaseOf(t, client, time) < t.AvailableFraction * t.AvailabilityPeriodSeconds;
    }

    /// <inheritdoc />
    public double NextAvailabilityChange(int client, double time)
    {
        if (_availability is not null)
        {
            return _availability[client].NextChange(time);
        }

        DeviceTier t = _tiers[_tier[client]];
        if (t.AvailableFraction >= 1 || _phase is null)
        {
            return double.PositiveInfinity;
        }

        double on = t.AvailableFraction * t.AvailabilityPeriodSeconds;
        double phase = PhaseOf(t, client, time);
        double windowStart = time - phase;
        return phase < on ? windowStart + on : windowStart + t.AvailabilityPeriodSeconds;
    }

    // position of `time` within the device's availability cycle; the device is online on phase ∈ [0, on)
    private double PhaseOf(DeviceTier t, int client, double time)
    {
        double p = t.AvailabilityPeriodSeconds;
        double x = time - _phase![client];
        return x - (Math.Floor(x / p) * p);
    }
}
