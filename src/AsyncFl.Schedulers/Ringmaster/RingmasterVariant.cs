namespace AsyncFl.Schedulers;

/// <summary>How Ringmaster enforces its delay threshold R.</summary>
public enum RingmasterVariant
{
    /// <summary>Variant A: a gradient that arrives with delay ≥ R is discarded; workers are never stopped.</summary>
    DiscardOnArrival = 0,

    /// <summary>
    /// Variant B: after each accepted update, every busy worker whose delay reached R is cancelled and restarted at
    /// the current model, so no gradient with delay ≥ R is ever applied and no compute is wasted finishing one.
    /// </summary>
    CancelAndRestart = 1,
}
