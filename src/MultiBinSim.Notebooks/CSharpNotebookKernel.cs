using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace MultiBinSim.Notebooks;

/// <summary>
/// An in-process .NET Interactive C# kernel configured as an editor would be: <c>#r "nuget: ..."</c>, <c>#!import</c>,
/// kernel helpers, and the display extensions that packages ship (DataFrame tables, Plotly charts). Every value is
/// formatted as text/html and text/plain, so outputs can be both shown and compared.
/// </summary>
public sealed class CSharpNotebookKernel : IDisposable
{
    private readonly CompositeKernel _kernel;
    private readonly List<string> _pendingExtensions = [];
    private readonly HashSet<string> _loadedExtensions = new(StringComparer.Ordinal);

    public CSharpNotebookKernel()
    {
        var csharp = new CSharpKernel()
            .UseKernelHelpers()
            .UseNugetDirective(
                (kernel, packages) =>
                {
                    kernel.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
                    foreach (var package in packages)
                    {
                        string extensions = Path.Combine(package.PackageRoot, "interactive-extensions", "dotnet");
                        if (Directory.Exists(extensions))
                        {
                            lock (_pendingExtensions)
                            {
                                _pendingExtensions.AddRange(Directory.GetFiles(extensions, "*.dll"));
                            }
                        }
                    }

                    return Task.CompletedTask;
                },
                false
            );
        _kernel = new CompositeKernel { csharp };
        _kernel.DefaultKernelName = csharp.Name;
        _kernel.UseImportMagicCommand();
        // Package display extensions must load after the command that restored them has finished.
        _kernel.AddMiddleware(
            async (command, context, next) =>
            {
                await next(command, context);
                await LoadPendingExtensionsAsync();
            }
        );
        Formatter.SetPreferredMimeTypesFor(typeof(object), "text/html", "text/plain");
    }

    /// <summary>Runs one cell; returns its outputs and the error, if any. Null outputs mean the cell did not finish in time.</summary>
    public async Task<(List<InteractiveDocumentOutputElement>? Outputs, string? Error)> RunAsync(string code, TimeSpan? timeout, CancellationToken cancellation)
    {
        var submission = _kernel.SendAsync(new SubmitCode(code, NotebookFile.CSharpKernel), cancellation);
        if (timeout is { } limit && await Task.WhenAny(submission, Task.Delay(limit, cancellation)) != submission)
        {
            return (null, $"the cell did not finish within {limit.TotalSeconds:0.#} s (--timeout)");
        }

        var result = await submission;
        var outputs = new List<InteractiveDocumentOutputElement>();
        string? error = null;
        foreach (var e in result.Events)
        {
            switch (e)
            {
                case ReturnValueProduced value:
                    var returned = new ReturnValueElement();
                    foreach (var f in value.FormattedValues)
                    {
                        returned.Data[f.MimeType] = f.Value;
                    }

                    outputs.Add(returned);
                    break;
                case DisplayedValueProduced shown:
                    outputs.Add(new DisplayElement(shown.FormattedValues.ToDictionary(f => f.MimeType, f => (object)f.Value)));
                    break;
                case StandardOutputValueProduced stdout:
                    outputs.Add(new TextElement(string.Concat(stdout.FormattedValues.Where(f => f.MimeType == "text/plain").Select(f => f.Value)), "stdout"));
                    break;
                case StandardErrorValueProduced stderr:
                    outputs.Add(new TextElement(string.Concat(stderr.FormattedValues.Where(f => f.MimeType == "text/plain").Select(f => f.Value)), "stderr"));
                    break;
                case CommandFailed failed when failed.Command is SubmitCode:
                    error = failed.Message;
                    string name = failed.Exception?.GetType().Name ?? "Error";
                    outputs.Add(new ErrorElement(name, failed.Message, failed.Exception?.StackTrace?.Split('\n') ?? []));
                    break;
            }
        }

        return (outputs, error);
    }

    public void Dispose() => _kernel.Dispose();

    private async Task LoadPendingExtensionsAsync()
    {
        string[] todo;
        lock (_pendingExtensions)
        {
            todo = _pendingExtensions.Where(_loadedExtensions.Add).ToArray();
            _pendingExtensions.Clear();
        }

        foreach (string dll in todo)
        {
            var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(dll);
            foreach (var type in assembly.GetExportedTypes().Where(t => typeof(IKernelExtension).IsAssignableFrom(t) && !t.IsAbstract))
            {
                await ((IKernelExtension)Activator.CreateInstance(type)!).OnLoadAsync(_kernel);
            }
        }
    }
}
