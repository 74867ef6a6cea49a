using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Undersigned.Tests.Infrastructure;

/// <summary>The submit buttons of a form, found by the name a person reads on them (or a screen reader announces).</summary>
internal static class FormButtons
{
    public static IEnumerable<IElement> All(IHtmlFormElement form) => form.Elements.Where(e => e switch
    {
        IHtmlButtonElement button => (button.GetAttribute("type") ?? "submit").Equals("submit", StringComparison.OrdinalIgnoreCase),
        IHtmlInputElement input => input.Type == "submit",
        _ => false,
    });

    /// <summary>The button a browser presses when Enter is hit in a field: the form's first submit button.</summary>
    public static IElement? Default(IHtmlFormElement form) => All(form).FirstOrDefault();

    /// <summary>The button whose text or aria-label is <paramref name="name"/>; null if the form has none, an error if several.</summary>
    public static IElement? Named(IHtmlFormElement form, string name)
    {
        var named = All(form).Where(b => NameOf(b) == name || TextOf(b) == name).ToList();
        return named.Count <= 1 ? named.SingleOrDefault()
            : throw new InvalidOperationException($"The form has {named.Count} buttons named '{name}'.");
    }

    public static string NameOf(IElement button) => button.GetAttribute("aria-label") ?? TextOf(button);

    private static string TextOf(IElement button) => button is IHtmlInputElement input
        ? input.GetAttribute("value") ?? "Submit"
        : string.Join(' ', button.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
