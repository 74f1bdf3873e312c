namespace AsyncFl;

/// <summary>A task's end.</summary>
/// <param name="Task">The task.</param>
/// <param name="Reason">How it ended.</param>
/// <param name="EndTime">When (seconds on the engine's clock).</param>
/// <param name="ResultsDelivered">How many of its results arrived before the end.</param>
public readonly record struct TaskEnded(TaskInfo Task, TaskEndReason Reason, double EndTime, int ResultsDelivered);
