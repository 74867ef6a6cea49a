using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// Routes the app's logs to the output of the test that is running, so a failing test shows what the server did.
/// A fixture outlives its tests, so the test sets <see cref="Output"/> when it starts and clears it when it ends.
/// Lines at Warning and above are also kept, so a test can check that what it sent made the app log none.
/// </summary>
public sealed class TestLog : ILoggerProvider
{
    private readonly Lock gate = new();
    private readonly List<string> errors = [];
    private readonly List<string> warnings = [];

    public ITestOutputHelper? Output { get; set; }

    /// <summary>Every line logged at Error or above since the app started, oldest first.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (gate)
            {
                return [.. errors];
            }
        }
    }

    /// <summary>Every line logged at Warning or above (errors too) since the app started, oldest first.</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (gate)
            {
                return [.. warnings];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(LogLevel level, string line)
    {
        lock (gate)
        {
            if (level >= LogLevel.Warning)
            {
                warnings.Add(line);
            }
            if (level >= LogLevel.Error)
            {
                errors.Add(line);
            }
            try
            {
                Output?.WriteLine(line);
            }
            catch (InvalidOperationException)
            {
                // Written after the test ended (a background task finishing late); nobody is reading any more.
            }
        }
    }

    private sealed class Logger(TestLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            var line = $"[{logLevel} {category}] {formatter(state, exception)}";
            log.Write(logLevel, exception is null ? line : $"{line}\n{exception}");
        }
    }
}
