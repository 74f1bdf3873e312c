using System.Globalization;
using AsyncFl.Simulation;

namespace AsyncFl.Testing;

/// <summary>
/// A generated device fleet: per-client seconds per local step, per-step exponential noise, a per-task dropout
/// probability, periodic availability and a fixed network latency. Small, printable and shrinkable: a shrunk
/// counterexample reads like "2 clients [1, 1] s/step, no noise, dropout 0.25, always on".
/// </summary>
/// <param name="SecondsPerStep">τ_i ≥ 0 per client (the count is the number of clients, ≥ 1).</param>
/// <param name="NoiseMean">Mean of the exponential noise added per local step (0: none).</param>
/// <param name="DropoutProbability">Probability a task fails part-way, in [0, 1).</param>
/// <param name="AvailableFraction">Fraction of each availability period a client is online, in (0, 1].</param>
/// <param name="AvailabilityPeriodSeconds">Length of the availability period (used when the fraction is below 1), &gt; 0.</param>
/// <param name="LatencySeconds">Latency of every download and upload, ≥ 0.</param>
public sealed record FleetSpec(
    IReadOnlyList<double> SecondsPerStep,
    double NoiseMean = 0,
    double DropoutProbability = 0,
    double AvailableFraction = 1,
    double AvailabilityPeriodSeconds = 50,
    double LatencySeconds = 0)
{
    /// <summary>Number of clients.</summary>
    public int Clients => SecondsPerStep.Count;

    /// <summary>Builds the fleet (availability phases drawn from <paramref name="seed"/>).</summary>
    /// <param name="seed">Seed for the availability phases.</param>
    /// <returns>The fleet.</returns>
    public DeviceFleet Build(long seed = 0)
    {
        var template = new DeviceTier("generated", 1.0)
        {
            DropoutProbability = DropoutProbability,
            AvailableFraction = AvailableFraction,
            AvailabilityPeriodSeconds = AvailabilityPeriodSeconds,
            Link = new CommunicationLink(double.PositiveInfinity, double.PositiveInfinity, LatencySeconds),
        };
        var noise = NoiseMean > 0 ? NoiseDistribution.Exponential(NoiseMean) : NoiseDistribution.None;
        return DeviceFleet.FromComputeTimes(SecondsPerStep, noise, template: template, seed: seed);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        string speeds = string.Join(", ", SecondsPerStep.Select(s => s.ToString("0.###", c)));
        string noise = NoiseMean > 0 ? "noise " + NoiseMean.ToString("0.###", c) : "no noise";
        string dropout = DropoutProbability > 0 ? "dropout " + DropoutProbability.ToString("0.###", c) : "no dropout";
        string online = AvailableFraction < 1
            ? $"online {AvailableFraction.ToString("0.##", c)} of every {AvailabilityPeriodSeconds.ToString("0.#", c)} s"
            : "always on";
        string latency = LatencySeconds > 0 ? ", latency " + LatencySeconds.ToString("0.###", c) + " s" : "";
        return $"{Clients} client{(Clients == 1 ? "" : "s")} [{speeds}] s/step, {noise}, {dropout}, {online}{latency}";
    }
}
