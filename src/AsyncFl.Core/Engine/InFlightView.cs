using System.Collections;

namespace AsyncFl.Engine;

/// <summary>A live, allocation-free view of the tasks in flight; tolerates dispatch and cancel while enumerating (ended
/// tasks are skipped; their slots are reused only after the callback).</summary>
internal sealed class InFlightView(TaskTable tasks, Func<int> count) : IReadOnlyCollection<TaskInfo>
{
    public int Count => count();

    public Enumerator GetEnumerator() => new(tasks.Slots);

    IEnumerator<TaskInfo> IEnumerable<TaskInfo>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator(List<EngineTask> slots) : IEnumerator<TaskInfo>
    {
        private int _index = -1;

        public readonly TaskInfo Current => slots[_index].Info;

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            while (++_index < slots.Count)
            {
                if (slots[_index].IsLive)
                {
                    return true;
                }
            }

            return false;
        }

        public void Reset() => _index = -1;

        public readonly void Dispose()
        {
        }
    }
}
