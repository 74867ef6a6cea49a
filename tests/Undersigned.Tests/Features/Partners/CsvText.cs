using System.Text;

namespace Undersigned.Tests.Features.Partners;

/// <summary>Reads RFC 4180 text (quoted fields, doubled quotes, CRLF) into rows, independently of the writer under test.</summary>
public static class CsvText
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { field.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else { field.Append(c); }
        }
        Assert.True(field.Length == 0 && row.Count == 0, "The CSV does not end with CRLF.");
        return rows;
    }
}
