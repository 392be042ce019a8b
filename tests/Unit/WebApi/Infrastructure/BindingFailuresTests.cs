using CleanAuth.WebApi.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace CleanAuth.Tests.Unit.WebApi.Infrastructure;

/// <summary>The framework's binding sentences read into a field error naming the parameter, never repeating the value.</summary>
public sealed class BindingFailuresTests
{
    [Theory]
    [InlineData("""Failed to bind parameter "Nullable<int> Page" from "abc".""", "page", "page must be a whole number.")]
    [InlineData("""Failed to bind parameter "int? pageSize" from "<script>".""", "pageSize", "pageSize must be a whole number.")]
    [InlineData("""Failed to bind parameter "bool Flag" from "maybe".""", "flag", "flag must be true or false.")]
    [InlineData("""Failed to bind parameter "Uri target" from "x".""", "target", "target must be a valid value of its type.")]
    [InlineData("""Required parameter "int page" was not provided from query string.""", "page", "page is required.")]
    public void A_parameter_that_does_not_bind_is_a_field_error_in_the_clients_spelling(string message, string field, string expected)
    {
        var problem = BindingFailures.ParameterProblem(new BadHttpRequestException(message));

        problem!.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new KeyValuePair<string, string[]>(field, [expected]));
        problem.Status.Should().Be(400);
    }

    [Theory]
    [InlineData("Malformed JSON.")]
    [InlineData("""Failed to read parameter "LoginCommand command" from the request body as JSON.""")]
    public void Any_other_refusal_is_left_to_the_general_answer(string message)
    {
        BindingFailures.ParameterProblem(new BadHttpRequestException(message)).Should().BeNull();
    }
}
