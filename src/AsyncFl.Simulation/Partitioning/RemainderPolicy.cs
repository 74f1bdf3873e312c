namespace AsyncFl.Simulation.Partitioning;

/// <summary>How the rows left over by rounding a class's Dirichlet shares are handled.</summary>
public enum RemainderPolicy
{
    /// <summary>Split the class at <c>floor(cumsum(q)·count)</c> (Flower, FedLab): no row is lost; the last partition
    /// absorbs the rounding.</summary>
    CumsumFloor = 0,

    /// <summary>Partition <c>j</c> gets <c>floor(q_j·count)</c> rows; the rest of the class is dropped (Forootani, MNIST/CIFAR).</summary>
    DropRemainder = 1,

    /// <summary>Partition <c>j</c> gets <c>floor(q_j·count)</c> rows; each leftover row goes to a uniformly random partition
    /// (Forootani, Fashion-MNIST).</summary>
    RandomAssign = 2,
}
