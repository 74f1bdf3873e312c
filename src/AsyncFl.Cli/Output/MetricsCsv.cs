using System.Globalization;
using System.Text;
using AsyncFl.Cli.Config;
using AsyncFl.Cli.Running;

namespace AsyncFl.Cli.Output;

/// <summary>metrics.csv: one row per trace point per strategy (invariant culture, round-trip number format).</summary>
internal static class MetricsCsv
{
    /// <summary>The header row.</summary>
    public const string Header = "strategy,simulated_seconds,version,loss,accuracy,applied,buffered,rejected,dropped,staleness_mean,staleness_max";

    /// <summary>Writes the rows of every strategy.</summary>
    public static void Write(string path, IEnumerable<StrategyResult> results)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        w.NewLine = "\n";
        w.WriteLine(Header);
        foreach (var r in results)
        {
            string name = Quote(r.Name);
            foreach (var p in r.Trace)
            {
                w.Write(name);
                w.Write(',');
                w.Write(D(p.SimulatedSeconds));
                w.Write(',');
                w.Write(L(p.Version));
                w.Write(',');
                w.Write(D(p.Loss));
                w.Write(',');
                w.Write(D(p.Accuracy));
                w.Write(',');
                w.Write(L(p.Applied));
                w.Write(',');
                w.Write(L(p.Buffered));
                w.Write(',');
                w.Write(L(p.Rejected));
                w.Write(',');
                w.Write(L(p.Dropped));
                w.Write(',');
                w.Write(D(p.StalenessMean));
                w.Write(',');
                w.WriteLine(L(p.StalenessMax));
            }
        }
    }

    /// <summary>Reads the rows back, grouped by strategy in file order.</summary>
    /// <exception cref="FormatException">A row does not parse.</exception>
    public static List<(string Strategy, List<TracePoint> Trace)> Read(string path)
    {
        var result = new List<(string, List<TracePoint>)>();
        using var reader = new StreamReader(path);
        string? header = reader.ReadLine();
        if (header != Header)
        {
            throw new FormatException($"{path}: the first line is not the metrics.csv header '{Header}'.");
        }

        string? line;
        int lineNumber = 1;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = Split(line);
            if (fields.Count != 11)
            {
                throw new FormatException(Fmt.I($"{path}, line {lineNumber}: expected 11 fields, found {fields.Count}."));
            }

            var point = new TracePoint(
                PD(fields[1]), PL(fields[2]), PD(fields[3]), PD(fields[4]), PL(fields[5]), PL(fields[6]), PL(fields[7]), PL(fields[8]), PD(fields[9]), PL(fields[10]));
            if (result.Count == 0 || result[^1].Item1 != fields[0])
            {
                result.Add((fields[0], []));
            }

            result[^1].Item2.Add(point);
        }

        return result;
    }

    private static string D(double x) => double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    private static string L(long x) => x.ToString(CultureInfo.InvariantCulture);

    private static double PD(string s) => s.Length == 0 ? double.NaN : double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static long PL(string s) => long.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    sb.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    sb.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(c);
            }
        }

        fields.Add(sb.ToString());
        return fields;
    }
}
