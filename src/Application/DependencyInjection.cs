using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.ExportAccount;
using CleanAuth.Application.Accounts.ExportAccount.Parts;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Options;
using CleanAuth.Application.Common.Time;
using CleanAuth.Application.Passkeys.Common;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CleanAuth.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        var assembly = typeof(DependencyInjection).Assembly;

        services.AddScoped<ServiceFactory>(provider => provider.GetRequiredService);
        services.AddScoped<IMediator, Mediator>();
        services.Scan(scan => scan.FromAssemblies(assembly)
            .AddClasses(classes => classes.AssignableTo(typeof(IRequestHandler<,>)))
            .AsImplementedInterfaces()
            .WithScopedLifetime());

        // Registration order is pipeline order: the first registered behaviour runs outermost. Those that hold
        // nothing of one request (tracing; validation, whose validators are singletons) are made once, not per request.
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(TracingBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(CurrentUserBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(RecentSignInBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(PasswordHashingBehaviour<,>));
        // Replaced by the infrastructure's bounded capacity; unbounded where none is registered.
        services.TryAddSingleton<IHashingCapacity, UnboundedHashingCapacity>();
        services.TryAddSingleton<IDeviceTokens, NoDeviceTokens>();

        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Singleton);

        services.AddScoped<CoverUploader>();
        services.AddScoped<AuthorReferences>();
        services.AddScoped<Books.Common.LibraryReader>();
        services.AddScoped<Books.ImportLibrary.LibraryImporter>();
        services.AddScoped<CurrentUserAccessor>();
        services.AddScoped<ICurrentUser>(provider => provider.GetRequiredService<CurrentUserAccessor>());
        services.AddScoped<SecurityEvents>();
        services.AddScoped<RefreshTokens>();
        services.AddScoped<SignInAttempts>();
        services.AddScoped<AccountCodes>();
        services.AddScoped<PreRegistration>();
        services.AddSingleton<AccountEmails>();
        services.AddValidatedOptions<AccountOptions>(configuration, AccountOptions.Section);
        services.AddValidatedOptions<EmailLinkOptions>(configuration, EmailLinkOptions.Section);
        services.AddScoped<SecondFactor>();
        services.AddScoped<AccountSessions>();
        services.AddScoped<CurrentPasswordCheck>();
        services.AddScoped<AccountErasure>();

        // The export's parts, in the order they are written (ADR 0055): one line each.
        services.AddScoped<IAccountExportPart, AccountPart>();
        services.AddScoped<IAccountExportPart, SessionsPart>();
        services.AddScoped<IAccountExportPart, ActivityPart>();
        services.AddScoped<IAccountExportPart, AuthorsPart>();
        services.AddScoped<IAccountExportPart, BooksPart>();
        services.AddScoped<IAccountExportPart, CoversPart>();
        services.AddScoped<AccountActivity>();
        services.AddScoped<PasskeyCeremonyService>();
        services.AddValidatedOptions<PasskeyOptions>(configuration, PasskeyOptions.Section);
        services.AddValidatedOptions<RefreshTokenOptions>(configuration, RefreshTokenOptions.Section);
        services.AddValidatedOptions<LockoutOptions>(configuration, LockoutOptions.Section);
        services.AddValidatedOptions<CoverLimits>(configuration, CoverLimits.Section);
        // Read by value: the cover uploader and the image adapter take the limits themselves.
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<CoverLimits>>().Value);
        services.AddSingleton<TimeProvider>(new MillisecondClock(TimeProvider.System));
        return services;
    }
}
