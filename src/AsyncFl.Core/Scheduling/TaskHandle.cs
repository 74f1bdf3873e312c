namespace AsyncFl;

/// <summary>Identifies a dispatched task. Two handles are equal when their ids are.</summary>
/// <param name="Id">Engine-assigned id, unique within a run.</param>
public readonly record struct TaskHandle(long Id)
{
    /// <summary>Where the engine keeps the task: a handle from <see cref="ISchedulerContext.Dispatch"/> finds its task in
    /// O(1); one built from an id alone is looked up by id.</summary>
    internal Engine.TaskKey Key { get; init; }

    /// <inheritdoc />
    public bool Equals(TaskHandle other) => Id == other.Id;

    /// <inheritdoc />
    public override int GetHashCode() => Id.GetHashCode();
}
