namespace AsyncFl.Schedulers;

/// <summary>Small helpers shared by the schedulers.</summary>
internal static class SchedulerUtil
{
    /// <summary>True for the clients in <paramref name="clients"/> (all when null) below <paramref name="count"/>.</summary>
    public static bool[] ActiveMask(IReadOnlyList<int>? clients, int count)
    {
        var mask = new bool[count];
        if (clients is null)
        {
            Array.Fill(mask, true);
            return mask;
        }

        foreach (int c in clients)
        {
            if (c >= count)
            {
                throw new InvalidOperationException($"Client {c} is listed in the scheduler's options but the engine has only {count} clients.");
            }

            mask[c] = true;
        }

        return mask;
    }

    public static bool CanDispatch(ISchedulerContext context, int client) =>
        !context.IsBusy(client) && context.IsAvailable(client);
}
