using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using CleanAuth.Infrastructure.Observability;
using CleanAuth.Tests.Integration.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Tests.Integration.Observability;

public sealed class MetricsTests(EmbeddedApiFixture fixture) : IClassFixture<EmbeddedApiFixture>
{
    [Fact]
    public async Task Login_outcomes_are_counted_on_the_CleanAuth_meter_with_their_tags()
    {
        var api = fixture.Api;
        var user = await api.SignUpAsync(); // one successful login
        var meterScope = api.Services.GetRequiredService<IMeterFactory>();
        var measurements = new List<(long Value, Dictionary<string, string?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this host's meter: other tests run other hosts in the same process at the same time.
            if (instrument.Meter.Name == AuthMetrics.MeterName && instrument.Name == AuthMetrics.LoginsInstrument && ReferenceEquals(instrument.Meter.Scope, meterScope))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (measurements)
            {
                measurements.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString())));
            }
        });
        listener.Start();
        using var client = api.CreateClient();

        (await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password })).EnsureSuccessStatusCode();
        await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "not " + user.Password });
        await client.PostAsJsonAsync("/api/auth/login", new { email = "nobody-" + Guid.NewGuid().ToString("N") + "@example.com", password = user.Password });

        measurements.Should().HaveCount(3);
        measurements.Should().OnlyContain(m => m.Value == 1);
        measurements[0].Tags.Should().Equal(new Dictionary<string, string?> { ["outcome"] = "succeeded" });
        measurements[1].Tags.Should().Equal(new Dictionary<string, string?> { ["outcome"] = "failed", ["reason"] = "wrong_password" });
        measurements[2].Tags.Should().Equal(new Dictionary<string, string?> { ["outcome"] = "failed", ["reason"] = "unknown_account" });
    }

    [Fact]
    public async Task Each_thumbnail_made_is_counted_with_the_covers_media_type()
    {
        var api = fixture.Api;
        var user = await api.SignUpAsync();
        var meterScope = api.Services.GetRequiredService<IMeterFactory>();
        var measurements = new List<(long Value, string? ContentType)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == Infrastructure.Images.NetVipsImageService.ThumbnailsInstrument && ReferenceEquals(instrument.Meter.Scope, meterScope))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (measurements)
            {
                measurements.Add((value, tags.ToArray().Single(t => t.Key == "content_type").Value?.ToString()));
            }
        });
        listener.Start();
        using var client = api.CreateClient(user.AccessToken);

        await client.AddBookAsync(cover: TestImages.Png());
        var rejected = await client.PostAsync("/api/books", BookClient.Form("Not an image", "d", "science", cover: "text"u8.ToArray()));

        rejected.StatusCode.Should().Be(System.Net.HttpStatusCode.UnsupportedMediaType);
        measurements.Should().Equal((1L, "image/png"));
    }
}
