using System.Reflection;
using FluentValidation;
using MediatR;

namespace CleanAuth.Tests.Unit.Architecture;

public sealed class ConventionTests
{
    private static readonly Type[] ApplicationTypes = typeof(CleanAuth.Application.DependencyInjection).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false } && !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)))
        .ToArray();

    private static readonly Type[] RequestTypes = ApplicationTypes.Where(t => Implements(t, typeof(IRequest<>))).ToArray();

    private static readonly Type[] HandlerTypes = ApplicationTypes.Where(t => Implements(t, typeof(IRequestHandler<,>))).ToArray();

    [Fact]
    public void The_application_has_requests_and_handlers_to_check()
    {
        RequestTypes.Should().HaveCountGreaterThanOrEqualTo(5);
        HandlerTypes.Should().HaveCountGreaterThanOrEqualTo(5);
    }

    [Fact]
    public void Every_request_has_exactly_one_handler()
    {
        var handled = HandlerTypes
            .SelectMany(h => Interfaces(h, typeof(IRequestHandler<,>)))
            .Select(i => i.GetGenericArguments()[0])
            .ToList();

        var offenders = RequestTypes
            .Select(r => (Request: r, Handlers: handled.Count(h => h == r)))
            .Where(x => x.Handlers != 1)
            .Select(x => $"{x.Request.FullName} has {x.Handlers} handlers")
            .ToList();

        offenders.Should().BeEmpty();
    }

    [Fact]
    public void Every_handler_handles_a_request_of_the_application_and_answers_its_response_type()
    {
        foreach (var handler in HandlerTypes)
        {
            foreach (var contract in Interfaces(handler, typeof(IRequestHandler<,>)))
            {
                var request = contract.GetGenericArguments()[0];
                var response = contract.GetGenericArguments()[1];
                RequestTypes.Should().Contain(request, "{0} handles it", handler.Name);
                request.Should().Implement(typeof(IRequest<>).MakeGenericType(response));
            }
        }
    }

    [Fact]
    public void Every_handler_class_name_ends_in_Handler()
    {
        HandlerTypes.Where(t => !t.Name.EndsWith("Handler", StringComparison.Ordinal)).Select(t => t.FullName).Should().BeEmpty();
    }

    [Fact]
    public void Every_validator_class_name_ends_in_Validator()
    {
        var validators = ApplicationTypes.Where(t => Implements(t, typeof(IValidator<>))).ToArray();

        validators.Should().NotBeEmpty();
        validators.Where(t => !t.Name.EndsWith("Validator", StringComparison.Ordinal)).Select(t => t.FullName).Should().BeEmpty();
    }

    [Fact]
    public void Every_request_and_handler_is_sealed()
    {
        RequestTypes.Concat(HandlerTypes).Where(t => !t.IsSealed).Select(t => t.FullName).Should().BeEmpty();
    }

    private static bool Implements(Type type, Type openGeneric) => Interfaces(type, openGeneric).Any();

    private static IEnumerable<Type> Interfaces(Type type, Type openGeneric) =>
        type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == openGeneric);
}
