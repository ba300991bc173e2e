using BenchmarkDotNet.Running;
using Taxii.Benchmarks;
using Taxii.Benchmarks.Ingest;
using Taxii.Benchmarks.Load;
using Taxii.Benchmarks.Wrk;

// `load`, `wrk` and `soak` drive a real server process over HTTP, `ingest` the entity store over a throwaway PostgreSQL; everything
// else is BenchmarkDotNet
if (args.Length > 0 && args[0] is "--help" or "-h" or "-?")
{
    Console.WriteLine("""
        Taxii.Benchmarks modes (run from tests/Taxii.Benchmarks; see docs/performance.md):
          load [--server path/to/Taxii.Server.dll] [--only discovery|inbox|poll|feed|ingest|ingest-poll|transports] [--warmup 30]
              the built server over HTTP on loopback; transports (SFTP and syslog TCP to a real sshd and rsyslogd)
              runs only with --only transports
          wrk [--server path/to/Taxii.Server.dll] [--only discovery|collections|poll|inbox|large] [--duration 10] [--warmup 15] [--large-blocks 1000000]
              the built server loaded by wrk (installed when missing, as root), every answer checked, one line per scenario
          soak [--minutes 10] [--rate 100] [--server path/to/Taxii.Server.dll]
              mixed discovery / inbox / poll load, watching memory and latency
          ingest [--entities 100000] [--connection "Host=…;Username=…;Password=…"]
              the entity store over a throwaway PostgreSQL, without and with provenance
          anything else: BenchmarkDotNet (its own options follow)

        """);
}

if (args.Length > 0 && args[0] == "load")
{
    return await LoadCommand.RunAsync(args[1..], CancellationToken.None);
}

if (args.Length > 0 && args[0] == "wrk")
{
    return await WrkCommand.RunAsync(args[1..], CancellationToken.None);
}

if (args.Length > 0 && args[0] == "soak")
{
    return await SoakCommand.RunAsync(args[1..], CancellationToken.None);
}

if (args.Length > 0 && args[0] == "ingest")
{
    return await IngestCommand.RunAsync(args[1..], CancellationToken.None);
}

BenchmarkSwitcher.FromAssembly(typeof(CodecBenchmarks).Assembly).Run(args);
return 0;
