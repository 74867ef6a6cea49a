using System.Text;

namespace Undersigned.Commands;

/// <summary>Asks for a new password twice at the terminal, without echoing it.</summary>
public static class PasswordPrompt
{
    public static string? Ask()
    {
        if (Console.IsInputRedirected)
        {
            Console.Error.WriteLine("Input is not a terminal: pass the password on standard input with --password-stdin.");
            return null;
        }
        var first = Read("Password (12 characters or more): ");
        var second = Read("Same password again: ");
        if (first != second)
        {
            Console.Error.WriteLine("The two passwords differ.");
            return null;
        }
        return first;
    }

    private static string Read(string prompt)
    {
        Console.Write(prompt);
        var password = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && password.Length > 0)
            {
                password.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
        Console.WriteLine();
        return password.ToString();
    }
}
