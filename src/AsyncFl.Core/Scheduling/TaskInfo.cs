namespace AsyncFl;

/// <summary>A task in flight (or just ended).</summary>
/// <param name="Handle">The task.</param>
/// <param name="Request">What was asked.</param>
/// <param name="BaseVersion">The model version it started from.</param>
/// <param name="StartTime">When it started (seconds on the engine's clock).</param>
public sealed record TaskInfo(TaskHandle Handle, TaskRequest Request, ModelVersion BaseVersion, double StartTime)
{
    /// <summary>The client doing the task.</summary>
    public int ClientId => Request.ClientId;
}
