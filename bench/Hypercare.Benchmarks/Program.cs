using System.Globalization;
using Hypercare.Benchmarks;
using static Hypercare.Benchmarks.BenchArgs;

// bench/Hypercare.Benchmarks: set-up for the end-to-end HTTP benchmark (scripts/bench.sh).
//   seed --db PATH_OR_CONNECTION --issues N   migrates, creates a project with N issues and prints "projectId token"
if (args.Length >= 1 && args[0] == "seed")
{
    var db = Option(args, "--db") ?? throw new ArgumentException("--db is required");
    var issues = int.Parse(Option(args, "--issues") ?? "100000", CultureInfo.InvariantCulture);
    var (projectId, token) = await LoadSeeder.SeedAsync(db, issues);
    Console.WriteLine($"{projectId} {token}");
    return 0;
}

// adoption [--rows N] [--users N] [--days N] [--dir DIR]   LoginHistory import vs DuckDB (bench/Hypercare.Benchmarks/Adoption)
if (args.Length >= 1 && args[0] == "adoption")
{
    return await Hypercare.Benchmarks.Adoption.AdoptionBenchmark.RunAsync(args);
}

// adoption-file [--rows N] [--users N] [--days N] [--dir DIR]   writes the benchmark's LoginHistory export and roster (if
// missing) and prints the export's path (scripts/bench-import-memory.sh)
if (args.Length >= 1 && args[0] == "adoption-file")
{
    Console.WriteLine(Hypercare.Benchmarks.Adoption.AdoptionBenchmark.EnsureFiles(args).Logins);
    return 0;
}

// adoption-parse FILE [TZ] [--sequential]   only the parsing stage of a login import, no database
if (args.Length >= 2 && args[0] == "adoption-parse")
{
    return Hypercare.Benchmarks.Adoption.ParseProbe.Run(args);
}

// exit [--db PATH_OR_CONNECTION] [--issues 10000] [--days 120] [--rounds 50]   every exit rule and the forecast, timed (issue 11)
if (args.Length >= 1 && args[0] == "exit")
{
    return await ExitBenchmark.RunAsync(args);
}

// digest [--db PATH_OR_CONNECTION] [--issues 10000] [--rounds 20]   the knowledge digest of a project with that many issues, timed (issue 11)
if (args.Length >= 1 && args[0] == "digest")
{
    return await KnowledgeDigestBenchmark.RunAsync(args);
}

// rota [--days 90] [--people 40] [--rounds 20]   the rota generator on the default plan under every rule, timed (issue 12)
if (args.Length >= 1 && args[0] == "rota")
{
    return RotaBenchmark.Run(args);
}

// team-seed --db D [--people 40] [--days 90]   a project live today with that many members and its rota generated; prints "projectId leadEmail"
if (args.Length >= 1 && args[0] == "team-seed")
{
    return await Hypercare.Benchmarks.Team.TeamPageBenchmark.SeedAsync(args);
}

// team-get --url U --project P --email E [--requests 200] [--warmup 20]   N sequential GETs of the Team page as the lead (scripts/bench-team.sh)
if (args.Length >= 1 && args[0] == "team-get")
{
    return await Hypercare.Benchmarks.Team.TeamPageBenchmark.GetAsync(args);
}

// sla   BenchmarkDotNet: SLA state of 100,000 open issues (bench/Hypercare.Benchmarks/Sla)
if (args.Length >= 1 && args[0] == "sla")
{
    BenchmarkDotNet.Running.BenchmarkRunner.Run<Hypercare.Benchmarks.Sla.SlaEvaluationBenchmark>(args: args[1..]);
    return 0;
}

// forecast   BenchmarkDotNet: reliability growth fits, 120 daily counts and 10,000 failure times (bench/Hypercare.Benchmarks/Forecasting)
if (args.Length >= 1 && args[0] == "forecast")
{
    BenchmarkDotNet.Running.BenchmarkRunner.Run<Hypercare.Benchmarks.Forecasting.ForecastBenchmark>(args: args[1..]);
    return 0;
}

await Console.Error.WriteLineAsync("usage: Hypercare.Benchmarks seed --db PATH --issues N | adoption [--rows N] [--users N] [--days N] [--dir DIR] | sla | forecast | exit [--db D] [--issues N] [--days N] | digest [--db D] [--issues N] | rota [--days N] [--people N]");
return 2;
