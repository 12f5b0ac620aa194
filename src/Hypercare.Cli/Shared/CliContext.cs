using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hypercare.Core.Data;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Hypercare.Cli.Shared;

/// <summary>What every command writes to and reads from: the three streams, the clock, and the chosen database.</summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr, TextReader stdin, TimeProvider time, bool interactive,
    Func<string, string?> environment)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Output goes to terminals and files, never into HTML: keep "don't" and "Müller" readable instead of \u-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    private IAnsiConsole? _console;
    private IAnsiConsole? _errorConsole;

    public TextWriter Out => stdout;

    public TextWriter Error => stderr;

    public TextReader In => stdin;

    public TimeProvider Time => time;

    /// <summary>True only when both output streams are a terminal: spinners and prompts never end up in a pipe or a file.</summary>
    public bool IsInteractive => interactive;

    /// <summary>Tables and text for people, on stdout.</summary>
    public IAnsiConsole Console => _console ??= CreateConsole(stdout);

    /// <summary>Progress and notes on stderr, so stdout stays clean for pipes.</summary>
    public IAnsiConsole ErrorConsole => _errorConsole ??= CreateConsole(stderr);

    public DatabaseTarget Database(ParseResult parsed) =>
        DatabaseTarget.Parse(parsed.GetValue(CliOptions.Database) ?? environment(DatabaseTarget.EnvironmentVariable));

    public async Task WriteJsonAsync<T>(T value, CancellationToken cancellationToken)
    {
        await stdout.WriteLineAsync(JsonSerializer.Serialize(value, JsonOptions).AsMemory(), cancellationToken);
        await stdout.FlushAsync(cancellationToken);
    }

    public void Write(IRenderable renderable) => Console.Write(renderable);

    public void WriteLine(string text) => Console.Write(new Text(text + Environment.NewLine));

    public void Note(string text) => ErrorConsole.Write(new Text(text + Environment.NewLine));

    /// <summary>Runs long work under a spinner on a terminal, plainly otherwise.</summary>
    public async Task<T> WithStatusAsync<T>(string what, Func<Task<T>> work)
    {
        if (!interactive)
        {
            return await work();
        }

        return await ErrorConsole.Status().StartAsync(what, _ => work());
    }

    private IAnsiConsole CreateConsole(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
        {
            // Files and pipes have no width; wide enough that issue titles do not wrap mid-table.
            console.Profile.Width = 160;
        }

        return console;
    }
}
