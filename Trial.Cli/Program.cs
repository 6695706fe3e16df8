using Trial.Cli;
using Trial.Cli.Reporting;

// A worker's stdout carries results to its parent; anything tests print goes to stderr instead.
if (args.Contains("--worker-tests"))
{
    var results = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
    Console.SetOut(Console.Error);
    var code = new TrialCommand(results, Console.Error, Colorizer.None).Run(args);
    results.Flush();
    return code;
}

var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
Console.SetOut(output);
return new TrialCommand(output, Console.Error, Colorizer.ForConsole()).Run(args);
