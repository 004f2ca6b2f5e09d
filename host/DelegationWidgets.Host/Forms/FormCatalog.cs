using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Host.Forms;

/// <summary>
/// Every form and every version of it. Forms as code are loaded from the forms folder at start-up; a form
/// that is not valid (or uses keywords outside the Form Profile) stops the host with a message naming the
/// file, the keyword and the path.
/// </summary>
internal sealed class FormCatalog
{
    private readonly ConcurrentDictionary<string, SortedList<int, LoadedForm>> _forms = new(StringComparer.Ordinal);

    public FormCatalog(IOptions<FormsOptions> options)
    {
        var folder = AppPaths.Shipped(options.Value.Path);
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException($"Forms:Path: the folder '{folder}' does not exist.");
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            Add(LoadedForm.Load(File.ReadAllText(file), Path.GetFileName(file)));
        }
    }

    /// <summary>The newest version of each form.</summary>
    public IEnumerable<LoadedForm> Latest => _forms.Values.Select(v => { lock (v) { return v.Values[^1]; } }).OrderBy(f => f.Id, StringComparer.Ordinal);

    public LoadedForm? Find(string id, int? version = null)
    {
        if (!_forms.TryGetValue(id, out var versions))
        {
            return null;
        }

        lock (versions)
        {
            return version is null ? versions.Values[^1] : versions.GetValueOrDefault(version.Value);
        }
    }

    /// <summary>Every version of a form, oldest first.</summary>
    public IReadOnlyList<LoadedForm> Versions(string id)
    {
        if (!_forms.TryGetValue(id, out var versions))
        {
            return [];
        }

        lock (versions)
        {
            return [.. versions.Values];
        }
    }

    /// <summary>Adds a version; a version number that exists already with other content is refused.</summary>
    public void Add(LoadedForm form)
    {
        var versions = _forms.GetOrAdd(form.Id, _ => []);
        lock (versions)
        {
            if (versions.TryGetValue(form.Version, out var existing))
            {
                if (existing.Json != form.Json)
                {
                    throw new FormDefinitionException(form.Id, [new("/version", $"version {form.Version} exists already with other content; publish a new version.")]);
                }

                return;
            }

            versions.Add(form.Version, form);
        }
    }
}
