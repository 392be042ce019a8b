using System.Diagnostics.Metrics;
using System.Reflection;
using System.Text.RegularExpressions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Infrastructure.Observability;
using CleanAuth.WebApi.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// The docs' tables of events, metric reasons and rate limits are kept by hand, so they are checked against the code
/// here, as <see cref="DecisionIndexTests"/> checks the ADR index: an event, a reason or a policy added without its
/// row fails instead of drifting.
/// </summary>
public sealed partial class DocsTablesTests
{
    private static readonly string Logging = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "logging.md"));
    private static readonly string Monitoring = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "monitoring.md"));

    public static TheoryData<int, string> Events()
    {
        var events = new TheoryData<int, string>();
        foreach (var assembly in new[] { typeof(SecurityEvents), typeof(AuthMetrics), typeof(StartupCheck) }.Select(t => t.Assembly))
        {
            foreach (var attribute in assembly.GetTypes()
                .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
                .OfType<LoggerMessageAttribute>())
            {
                events.Add(attribute.EventId, attribute.EventName!);
            }
        }

        return events;
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void Every_logged_event_has_its_id_and_name_in_the_logging_docs(int id, string name)
    {
        Logging.Should().Contain($"`{name}`", "docs/logging.md names every event");
        var listed = IdCells().Matches(Logging).SelectMany(m => Ids(m.Groups["ids"].Value));
        listed.Should().Contain(id, "docs/logging.md's event table has the id of {0} (alone or in a range)", name);
    }

    [Theory]
    [InlineData(typeof(SignInFailure))]
    [InlineData(typeof(AccountCodeFailure))]
    [InlineData(typeof(TwoFactorPurpose))]
    [InlineData(typeof(PasskeyFailure))]
    public void Every_reason_a_security_event_can_carry_is_in_the_logging_docs(Type reasons)
    {
        foreach (var name in Enum.GetNames(reasons))
        {
            Logging.Should().Contain($"`{name}`", "docs/logging.md lists the {0} values", reasons.Name);
        }
    }

    [Fact]
    public void Every_reason_tag_of_the_logins_metric_is_in_the_monitoring_docs()
    {
        var tags = new List<string>();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this factory's meter: test hosts running in parallel in this process record sign-ins of their own.
            if (instrument.Name == AuthMetrics.LoginsInstrument && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, measurementTags, _) =>
            tags.AddRange(measurementTags.ToArray().Where(t => t.Key == "reason").Select(t => (string)t.Value!)));
        listener.Start();

        var metrics = new AuthMetrics(meters);
        foreach (var reason in Enum.GetValues<SignInFailure>())
        {
            metrics.LoginFailed(reason);
        }

        tags.Should().HaveCount(Enum.GetValues<SignInFailure>().Length).And.NotContain("other", "every reason has a tag of its own");
        foreach (var tag in tags)
        {
            Monitoring.Should().Contain($"`{tag}`", "docs/monitoring.md lists the reason tag {0}", tag);
        }
    }

    [Fact]
    public void Every_rate_limit_policy_is_in_the_monitoring_docs()
    {
        var policies = typeof(RateLimiting).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList();

        policies.Should().Contain(["login", "change-password", "account-codes"]);
        foreach (var policy in policies)
        {
            Monitoring.Should().Contain($"`{policy}`", "docs/monitoring.md lists the rate-limit policy {0}", policy);
        }
    }

    // "| 2002 |", "| 4004–4010 |" or "| 4011, 4014 |": the first cell of a row of the event table.
    private static IEnumerable<int> Ids(string cell) => cell.Split(", ").SelectMany(part =>
        part.Split('–') is [var from, var to] ? Enumerable.Range(int.Parse(from), int.Parse(to) - int.Parse(from) + 1) : [int.Parse(part)]);

    [GeneratedRegex(@"^\| (?<ids>\d+(?:(?:–|, )\d+)*) \|", RegexOptions.Multiline)]
    private static partial Regex IdCells();
}
