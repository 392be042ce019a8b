using System.Text.Json.Serialization.Metadata;
using CleanAuth.WebApi.Contracts;
using Microsoft.AspNetCore.OpenApi;

namespace CleanAuth.WebApi.OpenApi;

/// <summary>
/// Schema names are part of the contract: generated clients name their classes after them. A type's name is its id,
/// except the HTTP types that took over from application types (ADR 0052): they keep the ids the old types gave
/// (<c>RegisterUserCommand</c>, <c>TokenPair</c>…), and the one page type keeps the names its two predecessors had
/// (<c>PagedResponseOfBookResponse</c>, <c>UserListPage</c>, ADR 0034), so no client changes.
/// </summary>
public static class SchemaIds
{
    /// <summary>The ids of the schemas clients were generated from before the HTTP types had names of their own.</summary>
    public static readonly IReadOnlyDictionary<Type, string> Kept = new Dictionary<Type, string>
    {
        [typeof(RegisterRequest)] = "RegisterUserCommand",
        [typeof(RegisteredUserResponse)] = "RegisteredUser",
        [typeof(LoginRequest)] = "LoginCommand",
        [typeof(RefreshRequest)] = "RefreshCommand",
        [typeof(LogoutRequest)] = "LogoutCommand",
        [typeof(TokenPairResponse)] = "TokenPair",
        [typeof(ConfirmEmailRequest)] = "ConfirmEmailCommand",
        [typeof(ResendConfirmationRequest)] = "ResendConfirmationCommand",
        [typeof(ForgotPasswordRequest)] = "ForgotPasswordCommand",
        [typeof(ResetPasswordRequest)] = "ResetPasswordCommand",
        [typeof(ProfileResponse)] = "UserProfile",
        [typeof(UpdateProfileRequest)] = "UpdateProfileCommand",
        [typeof(ChangePasswordRequest)] = "ChangePasswordCommand",
        [typeof(TwoFactorSetupResponse)] = "TwoFactorSetup",
        [typeof(EnableTwoFactorRequest)] = "EnableTwoFactorCommand",
        [typeof(TwoFactorEnabledResponse)] = "TwoFactorEnabled",
        [typeof(DisableTwoFactorRequest)] = "DisableTwoFactorCommand",
        [typeof(RegenerateRecoveryCodesRequest)] = "RegenerateRecoveryCodesCommand",
        [typeof(RecoveryCodesResponse)] = "RecoveryCodeList",
        [typeof(UserSummaryResponse)] = "UserSummary",
        [typeof(PageResponse<UserSummaryResponse>)] = "UserListPage",
        [typeof(BookPage)] = "PagedResponseOfBookResponse",
        [typeof(CreateAuthorRequest)] = "CreateAuthorCommand",
    };

    public static string? Of(JsonTypeInfo type) => Kept.GetValueOrDefault(type.Type) ?? OpenApiOptions.CreateDefaultSchemaReferenceId(type);
}
