using System.Globalization;

namespace Taxii.Benchmarks.Wrk;

/// <summary>What <c>taxii.lua</c>'s <c>done</c> prints: wrk's own counts and the script's checks of every answer.</summary>
internal sealed record WrkResult(
    long Requests, TimeSpan Duration, long Bytes, long SocketErrors, long StatusErrors, long Answers, long Bad, long Blocks,
    TimeSpan Median, TimeSpan P99, string FirstBad)
{
    /// <summary>Answers that were not the expected message, plus wrk's socket errors (connect, read, write, timeout).</summary>
    public long Errors => Bad + SocketErrors;

    public static WrkResult Parse(string output)
    {
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("TAXII-WRK ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("wrk printed no TAXII-WRK line: " + output);
        var values = line["TAXII-WRK ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => long.Parse(pair[1], NumberStyles.Integer, CultureInfo.InvariantCulture));
        var firstBad = output.Split('\n').FirstOrDefault(l => l.StartsWith("TAXII-WRK-FIRST-BAD", StringComparison.Ordinal))?["TAXII-WRK-FIRST-BAD".Length..].Trim() ?? "";
        return new WrkResult(
            values["requests"], TimeSpan.FromMicroseconds(values["duration_us"]), values["bytes"],
            values["connect"] + values["read"] + values["write"] + values["timeout"], values["status"],
            values["answers"], values["bad"], values["blocks"],
            TimeSpan.FromMicroseconds(values["p50_us"]), TimeSpan.FromMicroseconds(values["p99_us"]), firstBad);
    }
}
