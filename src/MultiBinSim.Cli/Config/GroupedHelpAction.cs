using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;

namespace MultiBinSim.Cli;

/// <summary>
/// <c>--help</c> of the commands with configuration sections: the options under one heading per section, in the order
/// of <see cref="ConfigSection.All"/> (Workload, Engine, Batch engine: scheduler, ..., Output), each heading naming its
/// configuration file section; the other options last. Commands without sections get System.CommandLine's help.
/// </summary>
internal sealed class GroupedHelpAction(HelpAction fallback) : SynchronousCommandLineAction
{
    /// <summary>Widest first column; longer option labels put their description on the next line.</summary>
    private const int MaxLabelWidth = 48;

    public override bool ClearsParseErrors => true;

    /// <summary>Makes <paramref name="root"/>'s help option (recursive: every command's) write grouped help.</summary>
    public static void Install(Command root)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            help.Action = new GroupedHelpAction(help.Action as HelpAction ?? new HelpAction());
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        if (OptionSections.KeysOf(parseResult.CommandResult.Command).Count == 0)
        {
            return fallback.Invoke(parseResult);
        }

        Console.Out.Write(Write(parseResult.CommandResult, Console.IsOutputRedirected ? int.MaxValue : Math.Max(80, Console.WindowWidth)));
        return 0;
    }

    /// <summary>The grouped help of <paramref name="result"/>'s command, wrapped to <paramref name="width"/> columns.</summary>
    public static string Write(CommandResult result, int width)
    {
        ArgumentNullException.ThrowIfNull(result);
        var command = result.Command;
        var options = command.Options.AsEnumerable();
        for (var parent = result.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
        {
            options = options.Concat(parent.Command.Options.Where(o => o.Recursive));
        }

        var visible = options.Where(o => !o.Hidden).Distinct().ToList();
        var groups = ConfigSection
            .All.Select(s => (Heading: $"{s.Heading} [{s.Name}]", Options: visible.Where(o => OptionSections.SectionOf(o) == s).ToList()))
            .Append((Heading: "Other options", Options: visible.Where(o => OptionSections.SectionOf(o) is null).ToList()))
            .Where(g => g.Options.Count > 0)
            .ToList();
        int labelWidth = Math.Min(MaxLabelWidth, visible.Max(o => Label(o).Length));
        var text = new StringBuilder();
        text.Append("Description:\n");
        AppendWrapped(text, command.Description ?? "", 2, width);
        text.Append("\nUsage:\n  ").Append(ParseErrors.CommandPath(result)).Append(" [options]\n");
        foreach (var (heading, members) in groups)
        {
            text.Append('\n').Append(heading).Append(":\n");
            foreach (var option in members)
            {
                string label = "  " + Label(option);
                text.Append(label);
                if (label.Length > labelWidth + 2)
                {
                    text.Append('\n').Append(' ', labelWidth + 4);
                }
                else
                {
                    text.Append(' ', labelWidth + 4 - label.Length);
                }

                AppendWrapped(text, Description(option), labelWidth + 4, width, indentFirst: false);
            }
        }

        text.Append('\n');
        AppendWrapped(
            text,
            "Configuration files: --config FILE sets the options above from a TOML (.toml) or YAML (.yaml, .yml) file, "
                + "each under its heading's [section] by its name without the dashes ([workload] requests = 1000 sets --requests); "
                + "options on the command line override the file. --print-config writes the resolved configuration in that format.",
            0,
            width
        );
        return text.ToString();
    }

    /// <summary><c>-?, -h, --help</c>, <c>--requests &lt;requests&gt;</c>, <c>--print-config [&lt;FORMAT&gt;]</c>.</summary>
    private static string Label(Option option)
    {
        var names = option.Aliases.Where(a => a.StartsWith('-')).Append(option.Name).Distinct().OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal);
        string label = string.Join(", ", names);
        if (option.ValueType == typeof(bool) || option.Arity.MaximumNumberOfValues == 0)
        {
            return label;
        }

        string argument = $"<{option.HelpName ?? option.Name.TrimStart('-')}>";
        return label + (option.Arity.MinimumNumberOfValues == 0 ? $" [{argument}]" : " " + argument);
    }

    private static string Description(Option option)
    {
        string description = option.Description ?? "";
        if (!option.HasDefaultValue || option.ValueType == typeof(bool))
        {
            return description;
        }

        string shown = option.GetDefaultValue() switch
        {
            null => "",
            string[] values => string.Join(", ", values),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            var value => value.ToString() ?? "",
        };
        return shown.Length == 0 ? description : $"{description} [default: {shown}]";
    }

    /// <summary>Appends <paramref name="text"/> word-wrapped to <paramref name="width"/>, its lines indented by <paramref name="indent"/>.</summary>
    private static void AppendWrapped(StringBuilder output, string text, int indent, int width, bool indentFirst = true)
    {
        int room = Math.Max(20, width - indent);
        int column = 0;
        bool first = true;
        if (indentFirst)
        {
            output.Append(' ', indent);
        }

        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!first && column + 1 + word.Length > room)
            {
                output.Append('\n').Append(' ', indent);
                column = 0;
                first = true;
            }

            if (!first)
            {
                output.Append(' ');
                column++;
            }

            output.Append(word);
            column += word.Length;
            first = false;
        }

        output.Append('\n');
    }
}
