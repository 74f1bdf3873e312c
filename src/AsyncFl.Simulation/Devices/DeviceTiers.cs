namespace AsyncFl.Simulation;

/// <summary>
/// Named device tiers with round, plausible numbers. They are <b>modelling assumptions</b> for simulation, not
/// measurements: a "unit of work" is one local step (a minibatch of 32) of a small (~1 M-parameter) model; the
/// bandwidths are typical sustained rates (MB = 10⁶ bytes); availability is a daily window (phones train while
/// charging on Wi-Fi at night). Override any field with a <c>with</c> expression.
/// See <c>docs/simulation.md</c> for the table.
/// </summary>
public static class DeviceTiers
{
    /// <summary>A recent high-end phone: 0.05 s/unit (spread 0.2), Exp(0.01 s) noise per unit, 10 MB/s down, 2.5 MB/s
    /// up, 50 ms latency, 5% dropout per task, online 8 h a day.</summary>
    public static DeviceTier FlagshipPhone { get; } = new("flagship-phone", 0.05)
    {
        SpeedSpread = 0.2,
        Noise = NoiseDistribution.Exponential(0.01),
        Link = new CommunicationLink(10e6, 2.5e6, 0.05),
        DropoutProbability = 0.05,
        AvailabilityPeriodSeconds = 86_400,
        AvailableFraction = 1.0 / 3.0,
    };

    /// <summary>A low-end phone: 0.25 s/unit (spread 0.3), Exp(0.05 s) noise per unit, 2.5 MB/s down, 0.625 MB/s up,
    /// 100 ms latency, 15% dropout per task, online 8 h a day.</summary>
    public static DeviceTier BudgetPhone { get; } = new("budget-phone", 0.25)
    {
        SpeedSpread = 0.3,
        Noise = NoiseDistribution.Exponential(0.05),
        Link = new CommunicationLink(2.5e6, 0.625e6, 0.1),
        DropoutProbability = 0.15,
        AvailabilityPeriodSeconds = 86_400,
        AvailableFraction = 1.0 / 3.0,
    };

    /// <summary>A microcontroller-class sensor: 2 s/unit (spread 0.3), Exp(0.5 s) noise per unit, 125 kB/s down, 31.25 kB/s
    /// up, 500 ms latency, 10% dropout per task, duty-cycled: online 30 min of every hour.</summary>
    public static DeviceTier IoTSensor { get; } = new("iot-sensor", 2.0)
    {
        SpeedSpread = 0.3,
        Noise = NoiseDistribution.Exponential(0.5),
        Link = new CommunicationLink(125e3, 31.25e3, 0.5),
        DropoutProbability = 0.10,
        AvailabilityPeriodSeconds = 3_600,
        AvailableFraction = 0.5,
    };

    /// <summary>An edge server / gateway with a GPU: 0.01 s/unit (spread 0.1), |N(0, 0.001²)| noise per unit, 125 MB/s
    /// (1 Gbit/s) both ways, 10 ms latency, 1% dropout per task, always online.</summary>
    public static DeviceTier EdgeServer { get; } = new("edge-server", 0.01)
    {
        SpeedSpread = 0.1,
        Noise = NoiseDistribution.HalfNormal(0.001),
        Link = new CommunicationLink(125e6, 125e6, 0.01),
        DropoutProbability = 0.01,
    };

    /// <summary>A partner data centre (cross-silo): 0.002 s/unit (spread 0.05), |N(0, 0.0002²)| noise per unit, 1.25 GB/s
    /// (10 Gbit/s) both ways, 50 ms WAN latency, 0.1% dropout per task, always online.</summary>
    public static DeviceTier DataCentreSilo { get; } = new("data-centre-silo", 0.002)
    {
        SpeedSpread = 0.05,
        Noise = NoiseDistribution.HalfNormal(0.0002),
        Link = new CommunicationLink(1.25e9, 1.25e9, 0.05),
        DropoutProbability = 0.001,
    };

    /// <summary>The five tiers above, in order.</summary>
    public static IReadOnlyList<DeviceTier> All { get; } = [FlagshipPhone, BudgetPhone, IoTSensor, EdgeServer, DataCentreSilo];
}
