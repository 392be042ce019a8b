using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Authors.Ports;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Email;
using CleanAuth.Application.Common.Options;
using CleanAuth.Application.Passkeys.Ports;
using CleanAuth.Infrastructure.Email;
using CleanAuth.Infrastructure.Health;
using CleanAuth.Infrastructure.Hosting;
using CleanAuth.Infrastructure.Images;
using CleanAuth.Infrastructure.Observability;
using CleanAuth.Infrastructure.Passkeys;
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

    /// <summary>The tag of the health checks that decide readiness (<c>/health/ready</c>).</summary>
    public const string ReadyTag = "ready";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // Checked when the host starts: a missing or invalid setting stops it with a message naming the setting.
        services.AddValidatedOptions<JwtOptions>(configuration, JwtOptions.Section);
        services.AddValidatedOptions<PasswordOptions>(configuration, PasswordOptions.Section);
        services.AddValidatedOptions<StorageOptions>(configuration, StorageOptions.Section);
        services.AddValidatedOptions<EmailDeliveryOptions>(configuration, EmailDeliveryOptions.Section);
        services.AddSingleton<IValidateOptions<EmailDeliveryOptions>>(new EmailTransportChoice(environment));
        services.AddSingleton<IAuthMetrics, AuthMetrics>();

        services.AddSingleton(provider => JwtSigningKey.Resolve(
            provider.GetRequiredService<IOptions<JwtOptions>>().Value.SigningKey,
            environment,
            DataPath(provider, environment),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<JwtSigningKey>()));
        services.AddSingleton<ITokenService, JwtTokenService>();
        services.AddSingleton<IAddressTagger, HmacAddressTagger>();
        services.AddSingleton<IPasswordHasher, IdentityPasswordHasher>();
        services.AddValidatedOptions<TwoFactorOptions>(configuration, TwoFactorOptions.Section);
        services.AddSingleton(provider => AesGcmSecretProtector.Resolve(
            provider.GetRequiredService<IOptions<TwoFactorOptions>>().Value,
            environment,
            DataPath(provider, environment),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<AesGcmSecretProtector>()));
        services.AddSingleton<ISecretProtector>(provider => provider.GetRequiredService<AesGcmSecretProtector>());
        services.AddSingleton<IAuthenticator, OtpNetAuthenticator>();
        services.AddSingleton<IWebAuthn, Fido2WebAuthn>();
        services.AddSingleton<IHashingCapacity, HashingCapacity>();
        services.AddSingleton<IDeviceTokens, HmacDeviceTokens>();
        services.AddSingleton<IIdGenerator, ObjectIdGenerator>();
        services.AddSingleton<DecodeBudget>();
        services.AddSingleton<IImageService, NetVipsImageService>();
        services.AddSingleton<ILibraryCsv, Library.SepLibraryCsv>();
        services.AddHealthChecks().AddCheck<ImageLibraryHealthCheck>("image-library", tags: [ReadyTag]);

        var mongo = configuration.GetConnectionString(MongoConnectionStringName);
        if (string.IsNullOrWhiteSpace(mongo))
        {
            services.AddSingleton(provider => new SqliteStore(DataPath(provider, environment)));
            services.AddSingleton<IUserRepository, SqliteUserRepository>();
            services.AddSingleton<ICallerStore, SqliteCallerStore>();
            services.AddSingleton<IBookRepository, SqliteBookRepository>();
            services.AddSingleton<IAuthorRepository, SqliteAuthorRepository>();
            services.AddSingleton<ICoverStore, SqliteCoverStore>();
            services.AddSingleton<SqliteRefreshTokenStore>();
            services.AddSingleton<IRefreshTokenStore>(provider => provider.GetRequiredService<SqliteRefreshTokenStore>());
            services.AddSingleton<IAccountCodeStore, SqliteAccountCodeStore>();
            services.AddSingleton<IAccountErasure, SqliteAccountErasure>();
            services.AddSingleton<SqliteEmailOutbox>();
            AddEmailDelivery<SqliteEmailOutbox>(services, environment);
            services.AddSingleton<ITwoFactorStore, SqliteTwoFactorStore>();
            services.AddSingleton<IActivityLog, SqliteActivityLog>();
            services.AddSingleton<IPasskeyStore, SqlitePasskeyStore>();
            services.AddSingleton<IPasskeyCeremonies, SqlitePasskeyCeremonies>();
            services.AddSingleton(provider => KeyCheck(provider, runsAtStart: true));
            services.AddHostedService<EmbeddedStoreInitializer>();
            services.AddHostedService<RefreshTokenSweeper>();
            // One instance, so that its write is throttled across probes (ADR 0042).
            services.AddSingleton<EmbeddedStoreHealthCheck>();
            services.AddHealthChecks().AddCheck<EmbeddedStoreHealthCheck>("embedded-store", tags: [ReadyTag]);
        }
        else
        {
            EnsureValidMongoConnectionString(mongo);
            services.AddSingleton(provider => new MongoStore(mongo, provider.GetRequiredService<IOptions<StorageOptions>>().Value));
            services.AddSingleton<IUserRepository, MongoUserRepository>();
            services.AddSingleton<ICallerStore, MongoCallerStore>();
            services.AddSingleton<IBookRepository, MongoBookRepository>();
            services.AddSingleton<IAuthorRepository, MongoAuthorRepository>();
            services.AddSingleton<ICoverStore, GridFsCoverStore>();
            services.AddSingleton<IRefreshTokenStore, MongoRefreshTokenStore>();
            services.AddSingleton<IAccountCodeStore, MongoAccountCodeStore>();
            services.AddSingleton<IAccountErasure, MongoAccountErasure>();
            services.AddSingleton<MongoEmailOutbox>();
            AddEmailDelivery<MongoEmailOutbox>(services, environment);
            services.AddSingleton<ITwoFactorStore, MongoTwoFactorStore>();
            services.AddSingleton<IActivityLog, MongoActivityLog>();
            services.AddSingleton<IPasskeyStore, MongoPasskeyStore>();
            services.AddSingleton<IPasskeyCeremonies, MongoPasskeyCeremonies>();
            services.AddSingleton(provider => KeyCheck(provider, runsAtStart: false));
            services.AddHostedService<MongoIndexInitializer>();
            services.AddHostedService<TwoFactorKeyCheckTask>();
            services.AddHealthChecks().AddCheck<MongoHealthCheck>("mongodb", tags: [ReadyTag]);
        }

        // After the store's own start-up services: it completes erasures a crash interrupted (ADR 0055).
        services.AddHostedService<ErasureSweeper>();

        // Account activity is swept by age on either store (ADR 0054); its retention is a setting, which a TTL index cannot follow.
        services.AddHostedService<ActivitySweeper>();
        return services;
    }

    /// <summary>
    /// The use cases' outbox is the store's, and nothing else: an enqueue does not wake the sender, which keeps its
    /// own schedule, so no delivery work starts in step with the request that asked for it (ADR 0042). The sender is
    /// SMTP or the pickup folder under the data folder, as <c>Email:Delivery</c> (or, unset, <c>Email:Smtp:Host</c>)
    /// says (ADR 0039, 0048).
    /// </summary>
    private static void AddEmailDelivery<TOutbox>(IServiceCollection services, IHostEnvironment environment)
        where TOutbox : class, IEmailOutbox, IOutboxQueue
    {
        services.AddSingleton<EmailMetrics>();
        services.AddSingleton<IEmailOutbox>(provider => provider.GetRequiredService<TOutbox>());
        services.AddSingleton<IOutboxQueue>(provider => provider.GetRequiredService<TOutbox>());
        services.AddSingleton<IEmailSender>(provider =>
            provider.GetRequiredService<IOptions<EmailDeliveryOptions>>().Value.SendsBySmtp
                ? ActivatorUtilities.CreateInstance<SmtpEmailSender>(provider)
                : new PickupFolderEmailSender(Path.Combine(DataPath(provider, environment), PickupFolderEmailSender.FolderName)));
        services.AddHostedService<EmailDeliveryService>();
    }

    private static TwoFactorKeyCheck KeyCheck(IServiceProvider provider, bool runsAtStart) =>
        new(provider.GetRequiredService<ITwoFactorStore>(), provider.GetRequiredService<AesGcmSecretProtector>(), runsAtStart);

    // The message names the setting but never repeats its value, which may hold a password.
    private static void EnsureValidMongoConnectionString(string connectionString)
    {
        try
        {
            _ = MongoDB.Driver.MongoUrl.Create(connectionString);
        }
        catch (Exception ex) when (ex is MongoDB.Driver.MongoConfigurationException or ArgumentException or FormatException)
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{MongoConnectionStringName} is not a valid MongoDB connection string (mongodb://host[:port]/[database]).");
        }
    }

    // Unset, each environment has a folder of its own (data/development, data/production): a production run never
    // opens the development users with a production key (ADR 0048).
    private static string DataPath(IServiceProvider provider, IHostEnvironment environment) =>
        Path.GetFullPath(provider.GetRequiredService<IOptions<StorageOptions>>().Value.DataPath ?? StorageOptions.DefaultDataPath(environment.EnvironmentName),
            environment.ContentRootPath);
}
