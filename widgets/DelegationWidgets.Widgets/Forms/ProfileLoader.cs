using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.JSInterop;

namespace DelegationWidgets.Widgets.Forms;

/// <summary>
/// Loads the Form Profile's assemblies when first needed and hands out its validation. This class names no Form Profile
/// type, so the runtime can run it before they are loaded; the calls into <see cref="ProfileCheck"/> sit in methods of
/// their own that run only after <see cref="LoadAsync"/>.
/// </summary>
public static class ProfileLoader
{
    private static Task? s_loading;

    /// <summary>Loads the lazily loaded assemblies (set by the WebAssembly entry; in tests and on a server they are there already).</summary>
    public static Func<Task> Loader { get; set; } = () => Task.CompletedTask;

    /// <summary>Loads once; a load that failed (the network) is tried again on the next call.</summary>
    public static Task LoadAsync()
    {
        if (s_loading is { IsFaulted: true } or { IsCanceled: true })
        {
            s_loading = null;
        }

        return s_loading ??= Loader();
    }

    /// <summary>A validator for the schema (messages keyed by JSON pointer into the data), or null when the profile refuses the schema.</summary>
    public static async Task<Func<JsonElement, IReadOnlyList<(string Pointer, string Message)>>?> ValidatorAsync(JsonElement schema)
    {
        await LoadAsync();
        return Validator(schema);
    }

    /// <summary>
    /// For the page (and the conformance test): the Form Profile's verdicts, in this browser, on groups of
    /// <c>{ schema, data: [...] }</c>, as <c>[{ refused, valid: [...] }]</c>.
    /// </summary>
    [JSInvokable("ProfileVerdicts")]
    public static async Task<string> VerdictsAsync(string groupsJson)
    {
        await LoadAsync();
        return Verdicts(groupsJson);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Func<JsonElement, IReadOnlyList<(string Pointer, string Message)>>? Validator(JsonElement schema) =>
        ProfileCheck.For(schema) is { } check ? check.Validate : null;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string Verdicts(string groupsJson) => ProfileCheck.Verdicts(groupsJson);
}
