using Xunit;

namespace AsyncFl.Simulation.Tests.Docs;

/// <summary>
/// The README's "train on a simulated fleet" snippet is docs/snippets/SimulationSnippet.cs (between its markers):
/// this project compiles it; these tests run it and check that README.md shows it verbatim.
/// </summary>
public class SimulationSnippetTests
{
    private const string Begin = "// README-SNIPPET-BEGIN";
    private const string End = "// README-SNIPPET-END";

    private static string ReadCopied(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", name)).ReplaceLineEndings("\n");

    private static string SnippetCode()
    {
        string source = ReadCopied("SimulationSnippet.cs.txt");
        int begin = source.IndexOf(Begin, StringComparison.Ordinal);
        int end = source.IndexOf(End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "SimulationSnippet.cs must contain the README-SNIPPET-BEGIN/END markers in order.");
        return source[(begin + Begin.Length)..end].Trim('\n');
    }

    [Fact]
    public void Readme_ContainsTheCompiledSimulationSnippetVerbatim()
    {
        string readme = ReadCopied("README.md");
        Assert.Contains("```csharp\n" + SnippetCode() + "\n```", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Snippet_TrainsTheModelOnTheVirtualClock()
    {
        var (initialGap, finalGap, result) = QuickStart.SimulationSnippet.Run();

        Assert.True(initialGap > 0.01, $"initial f − f* = {initialGap}");
        Assert.True(finalGap < initialGap / 10, $"f − f* went from {initialGap} to {finalGap}: less than a 10× reduction.");
        Assert.True(result.Version.Value > 10, $"only {result.Version} server steps");
        Assert.True(result.ElapsedSeconds <= 300 + 1e-9);
        Assert.True(result.Statistics.Applied + result.Statistics.Buffered > 50);
    }
}
