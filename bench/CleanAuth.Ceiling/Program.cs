// The ceiling of the load benchmarks: bare ASP.NET Core (Kestrel, minimal APIs, no auth, no storage, no
// logging) answering each benchmarked route with the exact bytes the real API answered it with. bench/load.sh
// records those answers from the real API into a folder and starts this with `--responses FOLDER`; each route
// is then reported as a fraction of what this reaches on the same machine.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var folder = app.Configuration["responses"] ?? throw new InvalidOperationException("--responses FOLDER is required");

byte[] Recorded(string name) => File.ReadAllBytes(Path.Combine(folder, name + ".json"));

app.MapPost("/api/auth/login", Answer(Recorded("login"), StatusCodes.Status200OK));
app.MapGet("/api/users/me", Answer(Recorded("me"), StatusCodes.Status200OK));
app.MapGet("/api/books/{id}", Answer(Recorded("book"), StatusCodes.Status200OK));
app.MapGet("/api/books", Answer(Recorded("list"), StatusCodes.Status200OK));
app.MapPost("/api/books", Answer(Recorded("created"), StatusCodes.Status201Created));
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
