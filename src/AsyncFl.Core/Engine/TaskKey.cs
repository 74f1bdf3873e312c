namespace AsyncFl.Engine;

/// <summary>
/// Where a dispatched task lives: its slot in the server's table of pooled tasks and the slot's generation, which
/// grows every time the slot carries a new task. A key of a task that has ended (its slot since reused) no longer
/// matches, so runners and the server recognise stale events in O(1) without hashing. Keys fit in 62 bits
/// (<see cref="Packed"/>), leaving room for an event kind in a 64-bit payload.
/// </summary>
/// <param name="Slot">The slot, ≥ 0: a small, stable index (runners may keep per-slot arrays).</param>
/// <param name="Generation">The slot's generation, in <c>[0, 2³⁰)</c> (it wraps).</param>
public readonly record struct TaskKey(int Slot, int Generation)
{
    /// <summary>Bits of <see cref="Generation"/> kept (it counts modulo 2³⁰).</summary>
    public const int GenerationBits = 30;

    private const ulong GenerationMask = (1UL << GenerationBits) - 1;

    /// <summary>The key in the low 62 bits: the slot in bits 0–31, the generation in bits 32–61.</summary>
    public ulong Packed => ((ulong)Generation << 32) | (uint)Slot;

    /// <summary>The key packed by <see cref="Packed"/> (bits 62–63 are ignored).</summary>
    /// <param name="packed">The packed key.</param>
    /// <returns>The key.</returns>
    public static TaskKey Unpack(ulong packed) => new((int)(uint)packed, (int)((packed >> 32) & GenerationMask));

    /// <summary>The key of the next task carried by the same slot.</summary>
    /// <returns>The key with the generation advanced (modulo 2³⁰).</returns>
    public TaskKey Next() => new(Slot, (int)(((ulong)Generation + 1) & GenerationMask));
}
