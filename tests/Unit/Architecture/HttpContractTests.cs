using System.Reflection;
using CleanAuth.WebApi.Contracts;
using CleanAuth.WebApi.Infrastructure;
using MediatR;

namespace CleanAuth.Tests.Unit.Architecture;

/// <summary>
/// The HTTP contract is the web layer's own (ADR 0052): no route binds a command or query, or answers with a use case's
/// result, so renaming or reshaping a use case cannot change the OpenAPI document or a generated client. Checked on every
/// method the endpoint groups declare (their handler lambdas included) and on the web types those reach.
/// </summary>
public sealed class HttpContractTests
{
    private static readonly Assembly Application = typeof(CleanAuth.Application.DependencyInjection).Assembly;
    private static readonly Assembly WebApi = typeof(IEndpointGroup).Assembly;

    /// <summary>Every command and query, and every result one answers with (and the types those are built of).</summary>
    private static readonly HashSet<Type> UseCaseTypes = [.. Application.GetTypes()
        .SelectMany(t => t.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)).Select(i => (Request: t, Result: i.GetGenericArguments()[0])))
        .SelectMany(pair => Parts(pair.Request).Concat(Parts(pair.Result)))
        .Where(t => t.Assembly == Application)];

    private static readonly Type[] EndpointGroups = [.. WebApi.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false } && t.IsAssignableTo(typeof(IEndpointGroup)))];

    [Fact]
    public void No_endpoint_binds_or_answers_with_a_command_a_query_or_a_use_case_result()
    {
        var offenders = EndpointGroups
            .SelectMany(group => Methods(group).SelectMany(m => Signature(m).Select(t => (Where: $"{group.Name}.{m.Name}", Type: t))))
            .SelectMany(x => Reached(x.Type, []).Where(UseCaseTypes.Contains).Select(t => $"{x.Where} uses {t.FullName}"))
            .Distinct()
            .ToList();

        offenders.Should().BeEmpty("requests and responses are records in CleanAuth.WebApi.Contracts, mapped to and from the use case");
    }

    [Fact]
    public void The_check_sees_the_endpoints_handlers_and_the_use_case_types()
    {
        // Controls: without them the rule above could pass because it looked at nothing.
        EndpointGroups.Should().HaveCountGreaterThanOrEqualTo(8);
        UseCaseTypes.Should().Contain([typeof(CleanAuth.Application.Accounts.RegisterUser.RegisterUserCommand), typeof(CleanAuth.Application.Accounts.Common.TokenPair)]);
        var signatures = EndpointGroups.SelectMany(Methods).SelectMany(Signature).SelectMany(t => Reached(t, [])).ToHashSet();
        signatures.Should().Contain([typeof(RegisterRequest), typeof(TokenPairResponse), typeof(BookForm), typeof(IMediator)]);
    }

    private static IEnumerable<MethodInfo> Methods(Type type) =>
        type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Concat(type.GetNestedTypes(BindingFlags.NonPublic | BindingFlags.Public).SelectMany(Methods));

    private static IEnumerable<Type> Signature(MethodInfo method) => method.GetParameters().Select(p => p.ParameterType).Append(method.ReturnType);

    // A type with what it is built of: generic arguments (Task<Ok<T>>), element types, and the public properties of the web layer's own types.
    private static IEnumerable<Type> Reached(Type type, HashSet<Type> seen)
    {
        if (!seen.Add(type))
        {
            return [];
        }

        var inner = Parts(type).Where(t => t != type);
        if (type.Assembly == WebApi)
        {
            inner = inner.Concat(type.GetProperties(BindingFlags.Instance | BindingFlags.Public).Select(p => p.PropertyType));
        }

        return inner.SelectMany(t => Reached(t, seen)).Prepend(type);
    }

    private static IEnumerable<Type> Parts(Type type) =>
        type.HasElementType ? Parts(type.GetElementType()!)
        : type.IsGenericType ? type.GetGenericArguments().SelectMany(Parts).Prepend(type.GetGenericTypeDefinition())
        : [type];
}
