namespace AsyncFl.Sampling;

/// <summary>
/// Epoch-wise sampling without replacement across draws ("everyone before anyone twice"): a random permutation of
/// all N clients is consumed in order; when fewer than needed remain, a new permutation starts. Over R draws of m
/// every client takes part at least <c>⌊R·m/N⌋</c> times when all are eligible (spec aggregation.md §6.4). Clients
/// not eligible when their turn comes stay in the pool for a later draw of the same epoch. Weights are <c>1/m</c>
/// (exact inclusion probability m/N over an epoch; within one draw the inclusion probabilities depend on the past).
/// No draw contains a client twice.
/// </summary>
/// <remarks>Not thread-safe; the epoch state lives in the instance (one instance per population).</remarks>
public sealed class EpochSampler : IClientSampler
{
    private int[] _pool = [];
    private int _remaining;
    private int _population = -1;
    private bool[] _taken = [];

    /// <inheritdoc />
    public string Name => "EpochWithoutReplacement";

    /// <summary>Number of clients still waiting for their turn in the current epoch.</summary>
    public int RemainingInEpoch => _remaining;

    /// <inheritdoc />
    public int Sample(int population, Span<int> destination, Span<double> unbiasedWeights, Random random, Func<int, bool>? eligible = null)
    {
        SamplerHelpers.CheckArguments(population, destination, unbiasedWeights, random);
        if (population != _population)
        {
            _population = population;
            _pool = new int[population];
            for (int i = 0; i < population; i++)
            {
                _pool[i] = i;
            }

            _taken = new bool[population];
            _remaining = 0;
        }

        int m = destination.Length, count = 0;
        Array.Clear(_taken);
        bool fresh = false;
        for (int pass = 0; pass < 2 && count < m; pass++)
        {
            if (pass == 1 && fresh)
            {
                break; // a whole fresh epoch was already searched
            }

            if (pass == 1 || _remaining == 0)
            {
                NewEpoch(random);
                fresh = true;
            }

            // Take eligible, not-yet-taken clients from the front of the unconsumed part [0, _remaining).
            int k = 0;
            while (k < _remaining && count < m)
            {
                int c = _pool[k];
                if (!_taken[c] && (eligible is null || eligible(c)))
                {
                    destination[count++] = c;
                    _taken[c] = true;
                    _remaining--;
                    _pool[k] = _pool[_remaining];
                    _pool[_remaining] = c;
                }
                else
                {
                    k++;
                }
            }
        }

        for (int k = 0; k < count && !unbiasedWeights.IsEmpty; k++)
        {
            unbiasedWeights[k] = 1.0 / count;
        }

        return count;
    }

    /// <inheritdoc />
    /// <remarks>The next eligible client of the current epoch (a new epoch starts when none is left): a draw of one.</remarks>
    public int SampleOne(int population, Random random, Func<int, bool>? eligible = null)
    {
        Span<int> one = stackalloc int[1];
        return Sample(population, one, [], random, eligible) == 1 ? one[0] : -1;
    }

    // The unconsumed clients [0, _remaining) keep their turn at the front; the consumed ones are reshuffled behind them.
    private void NewEpoch(Random random)
    {
        random.Shuffle(_pool.AsSpan(_remaining));
        _remaining = _population;
    }
}
