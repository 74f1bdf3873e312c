namespace AsyncFl.Schedulers;

/// <summary>How Rennala treats work started at an old model.</summary>
public enum RennalaVariant
{
    /// <summary>Workers keep running across steps; a gradient computed at an older model is discarded on arrival.</summary>
    IgnoreStale = 0,

    /// <summary>After each step every in-flight task is cancelled and restarted at the new model (the reference code's
    /// simpler variant; same complexity, wastes the partial work).</summary>
    RestartAll = 1,
}
