using CleanAuth.WebApi.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace CleanAuth.Tests.Unit.WebApi.Logging;

/// <summary>The console's format for a person (<c>Logs:Format=Text</c>, ADR 0048): readable, one line an event.</summary>
public sealed class TextFormatterTests
{
    [Fact]
    public void An_event_is_one_readable_line_led_by_its_time_level_and_name()
    {
        var lines = Capture(logger => logger.ForContext("EventId", new { Id = 4001, Name = "LoginFailed" }, destructureObjects: true)
            .Warning("Login failed for {UserId}: {Reason}", "6750f3a2c1d4e5f6a7b8c9d0", "WrongPassword"));

        lines.Should().ContainSingle().Which.Should()
            .MatchRegex(@"^\[\d\d:\d\d:\d\d WRN\] LoginFailed: Login failed for ""6750f3a2c1d4e5f6a7b8c9d0"": ""WrongPassword""\r?\n$");
    }

    [Fact]
    public void An_event_without_a_name_has_no_empty_name_and_an_exception_follows_its_line()
    {
        var lines = Capture(logger => logger.Error(new InvalidOperationException("boom"), "Something failed"));

        var text = lines.Should().ContainSingle().Subject;
        text.Should().MatchRegex(@"^\[\d\d:\d\d:\d\d ERR\] Something failed\r?\n").And.Contain("InvalidOperationException: boom");
    }

    [Theory]
    [InlineData("evil\nforged line")]
    [InlineData("evil\u2028forged line")]
    public void A_value_holding_a_line_break_cannot_forge_a_second_line(string value)
    {
        var lines = Capture(logger => logger.Information("Name {Name}", value));

        lines.Should().ContainSingle().Which.TrimEnd().Should().NotContain("\n").And.NotContain("\u2028").And.Contain("forged line");
    }

    private static List<string> Capture(Action<ILogger> log)
    {
        var lines = new List<string>();
        using (var logger = new LoggerConfiguration()
            .EnrichWithEventName()
            .WriteTo.Sink(new LineSink(lines))
            .CreateLogger())
        {
            log(logger);
        }

        return lines;
    }

    private sealed class LineSink(List<string> lines) : ILogEventSink
    {
        private readonly TextFormatter _formatter = new();

        public void Emit(LogEvent logEvent)
        {
            using var writer = new StringWriter();
            _formatter.Format(logEvent, writer);
            lines.Add(writer.ToString());
        }
    }
}
