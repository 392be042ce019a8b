using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

// The ceiling of the load benchmarks: bare ASP.NET Core (Kestrel, minimal APIs, JWT bearer validation, no
// storage, no logging) answering each benchmarked route with the exact bytes the real API answered it with.
// bench/load.sh records those answers from the real API into a folder and starts this with `--responses FOLDER`
// and the API's signing key; each route is then reported as a fraction of what this reaches on the same machine.
// The token check is the API's (HS256, issuer, audience, type, lifetime), so the gap to the ceiling is what the
// API does beyond validating a token: the user check, the pipeline, the store, serialization and logging.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var signingKey = builder.Configuration["Jwt:SigningKey"] ?? throw new InvalidOperationException("Jwt__SigningKey is required");
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
{
    options.MapInboundClaims = false;
    options.TokenValidationParameters = new TokenValidationParameters
    {
        ValidIssuer = "cleanauth",
        ValidAudience = "cleanauth-api",
        IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(signingKey)),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidTypes = ["at+jwt"],
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = "sub",
    };
});
builder.Services.AddAuthorization();
var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
var folder = app.Configuration["responses"] ?? throw new InvalidOperationException("--responses FOLDER is required");

byte[] Recorded(string name) => File.ReadAllBytes(Path.Combine(folder, name + ".json"));

app.MapPost("/api/auth/login", Answer(Recorded("login"), StatusCodes.Status200OK));
app.MapGet("/api/users/me", Answer(Recorded("me"), StatusCodes.Status200OK)).RequireAuthorization();
app.MapGet("/api/books/{id}", Answer(Recorded("book"), StatusCodes.Status200OK)).RequireAuthorization();
app.MapGet("/api/books", Answer(Recorded("list"), StatusCodes.Status200OK)).RequireAuthorization();
app.MapPost("/api/books", Answer(Recorded("created"), StatusCodes.Status201Created)).RequireAuthorization();
app.MapGet("/health/live", () => "ok");
app.Run();

// The request body is read to its end (an upload's bytes still cross the socket) and then dropped.
static RequestDelegate Answer(byte[] body, int status) => async context =>
{
    await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
    context.Response.StatusCode = status;
    context.Response.ContentType = "application/json; charset=utf-8";
    context.Response.ContentLength = body.Length;
    await context.Response.Body.WriteAsync(body, context.RequestAborted);
};
