using System.Text.RegularExpressions;
using FluentValidation;
using MediatR;

namespace CleanAuth.Tests.Unit.Architecture;

/// <summary>
/// One shape for every use case (ADR 0034): <c>Feature/UseCase/UseCaseCommand.cs</c> (or <c>…Query.cs</c>) holds the
/// request and its handler, <c>UseCaseCommandValidator.cs</c> beside it holds the validator, and the namespace is the
/// folder. The source files are found by scanning src/Application, so a handler declared anywhere else fails here.
/// </summary>
public sealed partial class UseCaseShapeTests
{
    private const string RootNamespace = "CleanAuth.Application";

    private static readonly Type[] ApplicationTypes = typeof(CleanAuth.Application.DependencyInjection).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false, IsNested: false })
        .ToArray();

    private static readonly string SourceRoot = Path.Combine(RepositoryRoot.Path, "src", "Application");

    private static readonly Lazy<Dictionary<string, List<string>>> Declarations = new(ScanDeclarations);

    public static TheoryData<string> Handlers() => Names(t => Contract(t, typeof(IRequestHandler<,>)) is not null);

    public static TheoryData<string> Validators() => Names(t => Contract(t, typeof(IValidator<>)) is not null);

    public static TheoryData<string> Requests() => Names(t => Contract(t, typeof(IRequest<>)) is not null);

    [Fact]
    public void There_are_use_cases_to_check_and_their_sources_are_found()
    {
        Handlers().Should().HaveCountGreaterThanOrEqualTo(20);
        Validators().Should().HaveCountGreaterThanOrEqualTo(10);
        Declarations.Value.Should().ContainKey(nameof(CleanAuth.Application.Accounts.Login.LoginCommandHandler));
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public void A_request_is_a_command_or_query_in_the_file_named_after_it(string typeName)
    {
        var request = Type(typeName);

        request.Name.Should().MatchRegex("(Command|Query)$");
        FileOf(request).Should().Be(ExpectedFile(request, request.Name));
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public void A_handler_lives_in_its_requests_namespace_and_file(string typeName)
    {
        var handler = Type(typeName);
        var request = Contract(handler, typeof(IRequestHandler<,>))!.GetGenericArguments()[0];

        handler.Namespace.Should().Be(request.Namespace);
        handler.Name.Should().Be(request.Name + "Handler");
        FileOf(handler).Should().Be(ExpectedFile(request, request.Name));
    }

    [Theory]
    [MemberData(nameof(Validators))]
    public void A_validator_lives_beside_its_request_in_a_file_of_its_own(string typeName)
    {
        var validator = Type(typeName);
        var request = Contract(validator, typeof(IValidator<>))!.GetGenericArguments()[0];

        validator.Namespace.Should().Be(request.Namespace);
        validator.Name.Should().Be(request.Name + "Validator");
        FileOf(validator).Should().Be(ExpectedFile(request, validator.Name));
    }

    private static Type Type(string fullName) => ApplicationTypes.Single(t => t.FullName == fullName);

    private static TheoryData<string> Names(Func<Type, bool> predicate) => [.. ApplicationTypes.Where(predicate).Select(t => t.FullName!)];

    private static Type? Contract(Type type, Type openGeneric) =>
        type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == openGeneric);

    // The namespace is the folder: CleanAuth.Application.Accounts.Login → src/Application/Accounts/Login.
    private static string ExpectedFile(Type request, string fileName)
    {
        request.Namespace.Should().StartWith(RootNamespace + ".");
        var folder = request.Namespace![(RootNamespace.Length + 1)..].Replace('.', '/');
        return $"{folder}/{fileName}.cs";
    }

    private static string FileOf(Type type)
    {
        Declarations.Value.TryGetValue(type.Name, out var files).Should().BeTrue("{0} must be declared under src/Application", type.Name);
        files.Should().ContainSingle("{0} must be declared in one file", type.Name);
        return files![0];
    }

    private static Dictionary<string, List<string>> ScanDeclarations()
    {
        var declarations = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(SourceRoot, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(SourceRoot, path).Replace('\\', '/');
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match match in DeclarationPattern().Matches(File.ReadAllText(path)))
            {
                var name = match.Groups["name"].Value;
                if (!declarations.TryGetValue(name, out var files))
                {
                    declarations[name] = files = [];
                }

                files.Add(relative);
            }
        }

        return declarations;
    }


    [GeneratedRegex(@"\b(?:class|record(?:\s+struct)?|struct|interface|enum)\s+(?<name>\w+)")]
    private static partial Regex DeclarationPattern();
}
