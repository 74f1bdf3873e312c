namespace AsyncFl.Sampling;

/// <summary>
/// A hard participation quota around another sampler (spec aggregation.md §6.4): a client that has not taken part
/// in the last <see cref="MaxAge"/> draws is forced into the next draw in which it is eligible (the longest-waiting
/// first, up to m); the rest of the draw comes from the inner sampler among the other eligible clients.
/// </summary>
/// <remarks>
/// Forced inclusions change the inclusion probabilities, so the weights are an approximation: forced clients get
/// <c>1/m</c> and the inner sampler's weights are scaled by <c>(its count)/m</c>, which keeps uniform sampling's
/// weights at exactly <c>1/m</c> but is biased in general. <see cref="ForcedCount"/> counts forced inclusions so they
/// can be logged. Not thread-safe.
/// </remarks>
public sealed class MinimumParticipationSampler : IClientSampler
{
    private readonly IClientSampler _inner;
    private long[] _lastDraw = [];
    private bool[] _forced = [];
    private int[] _order = [];
    private long _draw;

    /// <summary>Creates the decorator.</summary>
    /// <param name="inner">The sampler that fills the rest of each draw.</param>
    /// <param name="maxAge">A client is forced in after this many draws without it (≥ 1).</param>
    public MinimumParticipationSampler(IClientSampler inner, int maxAge)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAge, 1);
        _inner = inner;
        MaxAge = maxAge;
    }

    /// <inheritdoc />
    public string Name => $"MinimumParticipation({_inner.Name}, maxAge={MaxAge})";

    /// <summary>The quota: the most draws a client may miss in a row while eligible.</summary>
    public int MaxAge { get; }

    /// <summary>Forced inclusions so far.</summary>
    public long ForcedCount { get; private set; }

    /// <inheritdoc />
    public int Sample(int population, Span<int> destination, Span<double> unbiasedWeights, Random random, Func<int, bool>? eligible = null)
    {
        SamplerHelpers.CheckArguments(population, destination, unbiasedWeights, random);
        EnsurePopulation(population);

        _draw++;
        int m = destination.Length;
        int overdue = 0;
        for (int i = 0; i < population; i++)
        {
            _forced[i] = false;
            if (_draw - _lastDraw[i] > MaxAge && (eligible is null || eligible(i)))
            {
                _order[overdue++] = i;
            }
        }

        var ages = _lastDraw;
        Array.Sort(_order, 0, overdue, Comparer<int>.Create((a, b) => ages[a] != ages[b] ? ages[a].CompareTo(ages[b]) : a.CompareTo(b)));
        int forced = Math.Min(overdue, m);
        for (int k = 0; k < forced; k++)
        {
            destination[k] = _order[k];
            _forced[_order[k]] = true;
        }

        ForcedCount += forced;
        int innerCount = _inner.Sample(
            population,
            destination[forced..],
            unbiasedWeights.IsEmpty ? [] : unbiasedWeights[forced..],
            random,
            c => !_forced[c] && (eligible is null || eligible(c)));
        int total = forced + innerCount;
        if (!unbiasedWeights.IsEmpty && total > 0)
        {
            for (int k = 0; k < forced; k++)
            {
                unbiasedWeights[k] = 1.0 / total;
            }

            for (int k = forced; k < total; k++)
            {
                unbiasedWeights[k] *= (double)innerCount / total;
            }
        }

        for (int k = 0; k < total; k++)
        {
            _lastDraw[destination[k]] = _draw;
        }

        return total;
    }

    /// <inheritdoc />
    /// <remarks>A draw of one: the longest-waiting overdue eligible client if there is one, else the inner sampler's
    /// <see cref="IClientSampler.SampleOne"/>.</remarks>
    public int SampleOne(int population, Random random, Func<int, bool>? eligible = null)
    {
        SamplerHelpers.CheckArguments(population, [], [], random);
        EnsurePopulation(population);
        _draw++;
        int overdue = -1;
        for (int i = 0; i < population; i++)
        {
            if (_draw - _lastDraw[i] > MaxAge && (eligible is null || eligible(i)) && (overdue < 0 || _lastDraw[i] < _lastDraw[overdue]))
            {
                overdue = i;
            }
        }

        int chosen;
        if (overdue >= 0)
        {
            ForcedCount++;
            chosen = overdue;
        }
        else
        {
            chosen = _inner.SampleOne(population, random, eligible);
        }

        if (chosen >= 0)
        {
            _lastDraw[chosen] = _draw;
        }

        return chosen;
    }

    private void EnsurePopulation(int population)
    {
        if (_lastDraw.Length != population)
        {
            _lastDraw = new long[population];
            _forced = new bool[population];
            _order = new int[population];
            _draw = 0;
        }
    }
}
