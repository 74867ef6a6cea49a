using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Undersigned.Tests.Infrastructure;

/// <summary>One named control of a form, with what a browser would send for it as the page loaded.</summary>
internal sealed class FormField(string name, string value, bool sent, string kind)
{
    public string Name { get; } = name;
    public string Value { get; set; } = value;

    /// <summary>False for an unticked box or radio button, which a browser leaves out.</summary>
    public bool Sent { get; set; } = sent;

    public bool IsBox => kind is "checkbox" or "radio";
    public bool IsRadio => kind == "radio";
    public bool IsFile => kind == "file";

    /// <summary>The form's controls that take part in a submission: named, enabled, and not buttons.</summary>
    public static List<FormField> ReadAll(IHtmlFormElement form) =>
        form.Elements.Select(Read).OfType<FormField>().ToList();

    private static FormField? Read(IElement control)
    {
        var name = control.GetAttribute("name");
        if (string.IsNullOrEmpty(name) || control.HasAttribute("disabled") || control.Closest("fieldset[disabled]") is not null)
        {
            return null;
        }
        return control switch
        {
            IHtmlTextAreaElement textarea => new FormField(name, textarea.DefaultValue, true, "textarea"),
            IHtmlSelectElement select => new FormField(name, Chosen(select)?.Value ?? "", Chosen(select) is not null, "select"),
            IHtmlInputElement input => input.Type switch
            {
                "submit" or "image" or "reset" or "button" => null,
                "checkbox" or "radio" => new FormField(name, input.GetAttribute("value") ?? "on", input.HasAttribute("checked"), input.Type),
                _ => new FormField(name, input.GetAttribute("value") ?? "", true, input.Type),
            },
            _ => null,
        };
    }

    /// <summary>The option a browser shows as chosen: the last one marked selected, or else the first.</summary>
    private static IHtmlOptionElement? Chosen(IHtmlSelectElement select) =>
        select.Options.LastOrDefault(o => o.HasAttribute("selected")) ?? (select.Options.Length > 0 ? select.Options[0] : null);
}
