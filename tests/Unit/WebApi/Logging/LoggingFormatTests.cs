using System.Diagnostics;
using System.Text.Json;
using CleanAuth.WebApi.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace CleanAuth.Tests.Unit.WebApi.Logging;

public sealed class LoggingFormatTests
{
    [Fact]
    public void The_formatter_writes_one_CLEF_line_with_the_event_id_trace_ids_and_properties()
    {
        using var activity = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();
        var (logger, lines) = Capture();

        logger.ForContext("EventId", new { Id = 1100, Name = "LoginFailed" }, destructureObjects: true)
            .Warning(new InvalidOperationException("boom"), "Login failed: {Reason} in {ElapsedMs:0.0} ms", "WrongPassword", 12.345);

        var line = lines.Should().ContainSingle().Subject;
        line.Should().EndWith(Environment.NewLine).And.Subject.TrimEnd().Should().NotContain("\n");
        var json = JsonDocument.Parse(line).RootElement;
        json.GetProperty("@t").GetString().Should().EndWith("Z");
        json.GetProperty("@mt").GetString().Should().Be("Login failed: {Reason} in {ElapsedMs:0.0} ms");
        json.GetProperty("@r")[0].GetString().Should().Be("12.3");
        json.GetProperty("@l").GetString().Should().Be("Warning");
        json.GetProperty("@x").GetString().Should().Contain("InvalidOperationException: boom");
        json.GetProperty("@i").GetInt32().Should().Be(1100);
        json.GetProperty("EventName").GetString().Should().Be("LoginFailed");
        json.GetProperty("TraceId").GetString().Should().Be(activity.TraceId.ToHexString());
        json.GetProperty("SpanId").GetString().Should().Be(activity.SpanId.ToHexString());
        json.GetProperty("Reason").GetString().Should().Be("WrongPassword");
        json.TryGetProperty("EventId", out _).Should().BeFalse("the id is lifted to @i and EventName");
    }

    [Fact]
    public void Line_and_paragraph_separators_in_values_are_escaped_so_an_event_stays_on_one_line()
    {
        var (logger, lines) = Capture();

        logger.Information("Renamed to {Name} in {Place}", "Ann\u2028Fake event", new { City = "Split\u2029Town" });

        var line = lines.Single().TrimEnd();
        line.Should().NotContain("\u2028").And.NotContain("\u2029", "readers that end lines there would split the event");
        line.Should().Contain("\\u2028").And.Contain("\\u2029");
        var json = JsonDocument.Parse(line).RootElement;
        json.GetProperty("Name").GetString().Should().Be("Ann\u2028Fake event", "the escape means the same character");
        json.GetProperty("Place").GetString().Should().Contain("Split\u2029Town");
    }

    [Fact]
    public void Information_is_written_as_a_level_too_and_a_property_starting_with_at_is_escaped()
    {
        var (logger, lines) = Capture();

        logger.ForContext("@weird", 1).Information("plain");

        var json = JsonDocument.Parse(lines.Single()).RootElement;
        json.GetProperty("@l").GetString().Should().Be("Information");
        json.GetProperty("@@weird").GetInt32().Should().Be(1);
        json.TryGetProperty("@i", out _).Should().BeFalse("an event without an id has no @i");
    }

    [Theory]
    [InlineData(200, LogEventLevel.Information)]
    [InlineData(201, LogEventLevel.Information)]
    [InlineData(304, LogEventLevel.Information)]
    [InlineData(400, LogEventLevel.Information)]
    [InlineData(401, LogEventLevel.Warning)]
    [InlineData(403, LogEventLevel.Warning)]
    [InlineData(404, LogEventLevel.Information)]
    [InlineData(409, LogEventLevel.Information)]
    [InlineData(429, LogEventLevel.Warning)]
    [InlineData(500, LogEventLevel.Error)]
    [InlineData(503, LogEventLevel.Error)]
    public void Request_levels_follow_the_status(int status, LogEventLevel level) =>
        RequestLogging.LevelFor(status, null).Should().Be(level);

    [Fact]
    public void An_exception_that_escaped_is_an_Error_whatever_the_status() =>
        RequestLogging.LevelFor(200, new InvalidOperationException()).Should().Be(LogEventLevel.Error);

    private static (Logger Logger, List<string> Lines) Capture()
    {
        var lines = new List<string>();
        var logger = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .EnrichWithEventName()
            .WriteTo.Sink(new LineSink(lines))
            .CreateLogger();
        return (logger, lines);
    }

    private sealed class LineSink(List<string> lines) : ILogEventSink
    {
        private readonly ClefFormatter _formatter = new();

        public void Emit(LogEvent logEvent)
        {
            using var writer = new StringWriter();
            _formatter.Format(logEvent, writer);
            lines.Add(writer.ToString());
        }
    }
}
