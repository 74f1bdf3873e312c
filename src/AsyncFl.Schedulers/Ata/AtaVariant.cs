namespace AsyncFl.Schedulers;

/// <summary>Which scale α_i the ATA lower confidence bound uses.</summary>
public enum AtaVariant
{
    /// <summary>ATA: the known sub-exponential scale α_i of each worker's task time (<see cref="AtaOptions.Scales"/>).</summary>
    Known = 0,

    /// <summary>ATA-Empirical: α_i = 2μ̂_i, from the observed mean.</summary>
    Empirical = 1,
}
