using System.Net.Http.Json;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Tests.Integration.Contracts;

public sealed class MakeLiteFixture
{
    [Fact]
    public async Task Make()
    {
        const string password = "correct horse battery staple";
        var api = CleanAuthApi.Embedded(new() { ["Bootstrap:AdminEmail"] = "root@example.com", ["Bootstrap:AdminPassword"] = password });
        var dataPath = api.DataPath;
        using (var anon = api.CreateClient())
        {
            (await anon.GetAsync("/health/ready")).EnsureSuccessStatusCode();
            async Task<string> Register(string name, string email) =>
                (await (await anon.PostAsJsonAsync("/api/auth/register", new { name, email, password })).EnsureSuccessStatusCode()
                    .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            async Task<JsonElement> Login(string email) =>
                await (await anon.PostAsJsonAsync("/api/auth/login", new { email, password })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();

            await Register("Ann Lee", "Ann@Example.com");
            await Register("Ben Okri", "ben@example.com");
            await Register("Cid Moreau", "cid@example.com");
            var ann = await Login("ann@example.com");
            var annToken = ann.GetProperty("accessToken").GetString()!;
            var refreshed = await (await anon.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = ann.GetProperty("refreshToken").GetString() })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            var second = await Login("ann@example.com");
            (await anon.PostAsJsonAsync("/api/auth/logout", new { refreshToken = second.GetProperty("refreshToken").GetString() })).EnsureSuccessStatusCode();
            annToken = refreshed.GetProperty("accessToken").GetString()!;

            using var client = api.CreateClient(annToken);
            var author = await (await client.PostAsJsonAsync("/api/authors", new { name = "Hilary Mantel", country = "UK", bookerPrize = true })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            (await client.PostAsJsonAsync("/api/authors", new { name = "Zadie Smith", country = "UK", bookerPrize = false })).EnsureSuccessStatusCode();
            var authorId = author.GetProperty("id").GetString();
            (await client.PostAsync("/api/books", BookClient.Form("Wolf Hall", "Tudor politics", "politics", authorId, TestImages.Jpeg(600, 900)))).EnsureSuccessStatusCode();
            await Task.Delay(20);
            (await client.PostAsync("/api/books", BookClient.Form("Poems", "Short ones", "poetry", cover: TestImages.Png(200, 300), coverName: "p.png", coverType: "image/png"))).EnsureSuccessStatusCode();
            await Task.Delay(20);
            var third = await (await client.PostAsync("/api/books", BookClient.Form("Stars", "Física", "science", cover: TestImages.Gif(120, 80), coverName: "s.gif", coverType: "image/gif"))).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            (await client.PutAsync($"/api/books/{third.GetProperty("id").GetString()}", BookClient.Form(title: "Stars and Galaxies", cover: TestImages.WebP(300, 200), coverName: "s.webp", coverType: "image/webp"))).EnsureSuccessStatusCode();

            var ben = await Login("ben@example.com");
            using var benClient = api.CreateClient(ben.GetProperty("accessToken").GetString()!);
            (await benClient.PostAsync("/api/books", BookClient.Form("Ben's book", "", "horror", cover: TestImages.Jpeg(100, 100)))).EnsureSuccessStatusCode();
            (await benClient.DeleteAsync("/api/users/me")).EnsureSuccessStatusCode();

            for (var i = 0; i < 2; i++)
            {
                await anon.PostAsJsonAsync("/api/auth/login", new { email = "cid@example.com", password = "wrong password here" });
            }
        }

        api.Services.GetRequiredService<CleanAuth.Infrastructure.Persistence.Embedded.LiteStore>().Dispose();
        var target = Path.Combine(RepositoryRoot.Path, "tests", "Integration", "Contracts", "Fixtures");
        foreach (var file in Directory.GetFiles(dataPath, "cleanauth*"))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }

        await api.DisposeAsync();
    }
}
