using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Auth.Common;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Infrastructure.Images;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.Infrastructure.Persistence.Embedded;
using CleanAuth.Infrastructure.Persistence.Mongo;
using CleanAuth.Infrastructure.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure;

public static class DependencyInjection
{
    public const string MongoConnectionStringName = "Mongo";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<JwtOptions>(configuration.GetSection(JwtOptions.Section));
        services.Configure<PasswordHashingOptions>(configuration.GetSection(PasswordHashingOptions.Section));
        services.Configure<StorageOptions>(configuration.GetSection(StorageOptions.Section));
        services.Configure<RefreshTokenOptions>(configuration.GetSection(RefreshTokenOptions.Section));
        services.Configure<LockoutOptions>(configuration.GetSection(LockoutOptions.Section));

        services.AddSingleton(provider => JwtSigningKey.Resolve(
            provider.GetRequiredService<IOptions<JwtOptions>>().Value.SigningKey,
            environment,
            DataPath(provider, environment),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<JwtSigningKey>()));
        services.AddSingleton<ITokenService, JwtTokenService>();
        services.AddSingleton<IPasswordHasher, IdentityPasswordHasher>();
        services.AddSingleton<IIdGenerator, ObjectIdGenerator>();
        services.AddSingleton(configuration.GetSection(CoverLimits.Section).Get<CoverLimits>() ?? new CoverLimits());
        services.AddSingleton<IImageService, NetVipsImageService>();

        var mongo = configuration.GetConnectionString(MongoConnectionStringName);
        if (string.IsNullOrWhiteSpace(mongo))
        {
            services.AddSingleton(provider => new LiteStore(DataPath(provider, environment)));
            services.AddSingleton<IUserRepository, LiteUserRepository>();
            services.AddSingleton<IBookRepository, LiteBookRepository>();
            services.AddSingleton<IAuthorRepository, LiteAuthorRepository>();
            services.AddSingleton<ICoverStore, LiteCoverStore>();
            services.AddSingleton<IRefreshTokenStore, LiteRefreshTokenStore>();
        }
        else
        {
            services.AddSingleton(provider => new MongoStore(mongo, provider.GetRequiredService<IOptions<StorageOptions>>().Value));
            services.AddSingleton<IUserRepository, MongoUserRepository>();
            services.AddSingleton<IBookRepository, MongoBookRepository>();
            services.AddSingleton<IAuthorRepository, MongoAuthorRepository>();
            services.AddSingleton<ICoverStore, GridFsCoverStore>();
            services.AddSingleton<IRefreshTokenStore, MongoRefreshTokenStore>();
            services.AddHostedService<MongoIndexInitializer>();
        }

        return services;
    }

    private static string DataPath(IServiceProvider provider, IHostEnvironment environment) =>
        Path.GetFullPath(provider.GetRequiredService<IOptions<StorageOptions>>().Value.DataPath, environment.ContentRootPath);
}
