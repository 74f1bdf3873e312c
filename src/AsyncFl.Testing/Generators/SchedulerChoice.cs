namespace AsyncFl.Testing;

/// <summary>The built-in schedulers a generated <see cref="RunConfiguration"/> draws from.</summary>
public enum SchedulerChoice
{
    /// <summary>The asynchronous scheduler (<c>AsynchronousSchedulerOptions</c>) with the configuration's concurrency.</summary>
    Asynchronous = 0,

    /// <summary>Synchronous rounds (<c>SynchronousRoundsOptions</c>) with the concurrency as cohort size.</summary>
    SynchronousRounds = 1,

    /// <summary>Ringmaster ASGD (<c>Ringmaster.Options</c>) with the concurrency as delay threshold.</summary>
    Ringmaster = 2,
}
