using BenchmarkDotNet.Running;

namespace Concord.Bench;

public static class Program
{
    public static void Main(string[] args)
    {
        // The scale run is one measured pass over millions of records, not a BenchmarkDotNet microbenchmark.
        if (args.Any(a => a.Equals("--scale", StringComparison.OrdinalIgnoreCase)))
        {
            Scale.ScaleBenchmark.Run(args, Console.Out);
            return;
        }
        // The national run takes a wanted list of millions through the product's import, index, update and check paths.
        if (args.Any(a => a.Equals("--national", StringComparison.OrdinalIgnoreCase)))
        {
            National.IndexAtScale.Run(args, Console.Out);
            return;
        }
        // The reports run times the cumulative report and dashboard over years of operations on PostgreSQL.
        if (args.Any(a => a.Equals("--reports", StringComparison.OrdinalIgnoreCase)))
        {
            National.ReportsAtScale.Run(args, Console.Out);
            return;
        }
        // The intake run takes one Muse-style operation through import and matching at national sizes, or (--review-load)
        // one roster against lists of growing length.
        if (args.Any(a => a.Equals("--intake", StringComparison.OrdinalIgnoreCase)))
        {
            National.IntakeAtScale.Run(args, Console.Out);
            return;
        }
        // The federation run takes packets between two nodes on loopback, beside the same work on one node.
        if (args.Any(a => a.Equals("--federation", StringComparison.OrdinalIgnoreCase)))
        {
            Federation.FederationLoad.Run(args, Console.Out);
            return;
        }
        // The cases run links new victims' reports against a million indexed ones, beside the same searches on PostgreSQL.
        if (args.Any(a => a.Equals("--cases", StringComparison.OrdinalIgnoreCase)))
        {
            Cases.CasesAtScale.Run(args, Console.Out);
            return;
        }
        // The web run drives the real host over HTTP for a fixed time; its figures are latencies under load, not per-call costs.
        if (args.Any(a => a.Equals("--web", StringComparison.OrdinalIgnoreCase)))
        {
            Web.WebLoad.Run(args, Console.Out);
            return;
        }
        // BenchmarkDotNet re-launches this executable per benchmark with --benchmarkName; the recall pass belongs to
        // the host run only.
        var isChild = args.Any(a => a.Equals("--benchmarkName", StringComparison.OrdinalIgnoreCase));
        if (!isChild && !args.Any(a => a.Equals("--list", StringComparison.OrdinalIgnoreCase)))
        {
            Recall.Run(Console.Out);
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
