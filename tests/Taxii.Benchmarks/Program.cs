using BenchmarkDotNet.Running;
using Taxii.Benchmarks.Ingest;
using Taxii.Benchmarks.Load;

// `load` and `soak` drive a real server process over HTTP, `ingest` the entity store over a throwaway PostgreSQL; everything
// else is BenchmarkDotNet
if (args.Length > 0 && args[0] == "load")
{
    return await LoadCommand.RunAsync(args[1..], CancellationToken.None);
}

if (args.Length > 0 && args[0] == "soak")
{
    return await SoakCommand.RunAsync(args[1..], CancellationToken.None);
}

if (args.Length > 0 && args[0] == "ingest")
{
    return await IngestCommand.RunAsync(args[1..], CancellationToken.None);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

public partial class Program;
