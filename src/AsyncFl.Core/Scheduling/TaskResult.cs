namespace AsyncFl;

/// <summary>A result that arrived.</summary>
/// <param name="Task">The task it answers.</param>
/// <param name="UploadIndex">Which upload of the task (0-based).</param>
/// <param name="Update">The update (owned by the engine; valid only during the callback).</param>
/// <param name="Staleness">Server version at arrival minus the task's base version.</param>
/// <param name="ArrivalTime">When it arrived (seconds on the engine's clock).</param>
public readonly record struct TaskResult(TaskInfo Task, int UploadIndex, ClientUpdate Update, long Staleness, double ArrivalTime);
