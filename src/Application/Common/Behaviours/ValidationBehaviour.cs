using FluentValidation;
using MediatR;
using ValidationException = CleanAuth.Application.Common.Exceptions.ValidationException;

namespace CleanAuth.Application.Common.Behaviours;

/// <summary>Runs every validator of the request and reports all their failures in one exception.</summary>
public sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures
                .GroupBy(f => ToCamelCase(f.PropertyName), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal));
        }

        return await next();
    }

    // Field names are reported as the JSON body spells them.
    private static string ToCamelCase(string name) =>
        string.IsNullOrEmpty(name) ? name : string.Concat(char.ToLowerInvariant(name[0]).ToString(), name.AsSpan(1));
}
