namespace AsyncFl.Sampling;

internal static class GroupValidation
{
    public static int[][] Partition(IReadOnlyList<IReadOnlyList<int>> groups, string name, out int population)
    {
        ArgumentNullException.ThrowIfNull(groups, name);
        var result = new int[groups.Count][];
        int total = 0;
        for (int g = 0; g < groups.Count; g++)
        {
            if (groups[g] is null || groups[g].Count == 0)
            {
                throw new ArgumentException($"{name}[{g}] is null or empty.", name);
            }

            result[g] = [.. groups[g]];
            total += result[g].Length;
        }

        var seen = new bool[total];
        foreach (int[] group in result)
        {
            foreach (int id in group)
            {
                if (id < 0 || id >= total || seen[id])
                {
                    throw new ArgumentException($"{name} must partition 0 … {total - 1}: id {id} is out of range or repeated.", name);
                }

                seen[id] = true;
            }
        }

        if (result.Length == 0)
        {
            throw new ArgumentException($"{name} must contain at least one group.", name);
        }

        population = total;
        return result;
    }

    public static void CheckPopulation(int population, int expected)
    {
        if (population != expected)
        {
            throw new ArgumentException($"The sampler's groups cover {expected} clients but the population is {population}.", nameof(population));
        }
    }
}
