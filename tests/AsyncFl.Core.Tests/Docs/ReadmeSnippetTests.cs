using Xunit;

namespace AsyncFl.Core.Tests.Docs;

/// <summary>
/// The README's quick-start snippet is samples/AsyncFl.QuickStart/ReadmeSnippet.cs (between its markers):
/// this project compiles that file, these tests run it and check that README.md shows it verbatim.
/// </summary>
public class ReadmeSnippetTests
{
    private const string Begin = "// README-SNIPPET-BEGIN";
    private const string End = "// README-SNIPPET-END";

    private static string ReadCopied(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", name)).ReplaceLineEndings("\n");

    internal static string SnippetCode()
    {
        string source = ReadCopied("ReadmeSnippet.cs.txt");
        int begin = source.IndexOf(Begin, StringComparison.Ordinal);
        int end = source.IndexOf(End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "ReadmeSnippet.cs must contain the README-SNIPPET-BEGIN/END markers in order.");
        return source[(begin + Begin.Length)..end].Trim('\n');
    }

    [Fact]
    public void Readme_ContainsTheCompiledSnippetVerbatim()
    {
        string readme = ReadCopied("README.md");
        string snippet = SnippetCode();

        Assert.Contains("using AsyncFl;", snippet, StringComparison.Ordinal);
        Assert.Contains("```csharp\n" + snippet + "\n```", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Snippet_RunsAndComputesTheNumbersItsCommentsClaim()
    {
        var (mixed, averaged, version) = QuickStart.ReadmeSnippet.Run();

        // x = 0, y1 = [1, 2, 3, 4], a = 0.5: (1 - 0.5)·0 + 0.5·y1.
        Assert.Equal(new[] { 0.5f, 1f, 1.5f, 2f }, mixed);
        // 0.25·[1, 2, 3, 4] + 0.75·[3, 2, 1, 0] = [2.5, 2, 1.5, 1] (exact in float).
        Assert.Equal(new[] { 2.5f, 2f, 1.5f, 1f }, averaged);
        Assert.Equal(new ModelVersion(2), version);
    }

    [Fact]
    public void Snippet_CommentsStateTheResultsTheTestChecks()
    {
        string snippet = SnippetCode();

        Assert.Contains("// [0.5, 1, 1.5, 2]", snippet, StringComparison.Ordinal);
        Assert.Contains("// [2.5, 2, 1.5, 1], v2", snippet, StringComparison.Ordinal);
    }
}
