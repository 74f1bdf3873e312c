namespace AsyncFl.Schedulers;

/// <summary>
/// The inter-arrival participation weights <c>wᵢ = T̂ᵢ / T̄</c> (<see cref="AsynchronousParticipationWeighting.InterArrival"/>):
/// <c>T̂ᵢ</c> the client's mean completed-task duration (the result's own latency before any), <c>T̄ = N / Σⱼ 1/T̂ⱼ</c>
/// over the observed clients (this one included).
/// </summary>
internal sealed class ParticipationWeights
{
    private double[] _durationSum = [];
    private int[] _durationCount = [];
    private double _inverseMeanSum;
    private int _observedClients;

    /// <summary>The weight of <paramref name="result"/>; 1 when no positive duration is known.</summary>
    public double Weight(int clients, in TaskResult result)
    {
        EnsureCapacity(clients);
        int client = result.Task.ClientId;
        double inverseSum = _inverseMeanSum;
        int observed = _observedClients;
        double mean;
        if ((uint)client < (uint)_durationCount.Length && _durationCount[client] > 0)
        {
            mean = _durationSum[client] / _durationCount[client];
        }
        else
        {
            mean = result.ArrivalTime - result.Task.StartTime;
            if (!(mean > 0) || !double.IsFinite(mean))
            {
                return 1.0;
            }

            inverseSum += 1.0 / mean;
            observed++;
        }

        return inverseSum > 0 ? mean * inverseSum / observed : 1.0;
    }

    /// <summary>Adds a completed task's duration to its client's mean.</summary>
    public void Observe(int clients, int client, double duration)
    {
        EnsureCapacity(clients);
        if (!(duration > 0) || !double.IsFinite(duration) || (uint)client >= (uint)_durationCount.Length)
        {
            return;
        }

        if (_durationCount[client] > 0)
        {
            _inverseMeanSum -= _durationCount[client] / _durationSum[client];
        }
        else
        {
            _observedClients++;
        }

        _durationSum[client] += duration;
        _durationCount[client]++;
        _inverseMeanSum += _durationCount[client] / _durationSum[client];
    }

    private void EnsureCapacity(int clients)
    {
        if (_durationCount.Length < clients)
        {
            Array.Resize(ref _durationSum, clients);
            Array.Resize(ref _durationCount, clients);
        }
    }
}
