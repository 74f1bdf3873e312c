namespace AsyncFl.Torch.Data;

/// <summary>Images read from an IDX file: <see cref="Count"/> images of <see cref="Rows"/>×<see cref="Columns"/> bytes, row-major.</summary>
/// <param name="Count">Number of images.</param>
/// <param name="Rows">Rows per image.</param>
/// <param name="Columns">Columns per image.</param>
/// <param name="Pixels">The pixels, <c>Count·Rows·Columns</c> bytes.</param>
public sealed record IdxImages(int Count, int Rows, int Columns, byte[] Pixels);
