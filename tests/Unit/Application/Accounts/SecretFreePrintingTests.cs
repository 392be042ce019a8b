using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.DisableTwoFactor;
using CleanAuth.Application.Accounts.EnableTwoFactor;
using CleanAuth.Application.Accounts.EraseAccount;
using CleanAuth.Application.Accounts.Logout;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Accounts.Refresh;
using CleanAuth.Application.Accounts.RegenerateRecoveryCodes;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Accounts;

/// <summary>Whatever prints a request or an answer (a debugger, an exception message) never shows the secret it carries.</summary>
public sealed class SecretFreePrintingTests
{
    private const string Secret = "s3cret-7K3QD";

    [Fact]
    public void Requests_carrying_a_password_a_code_or_a_token_print_without_it()
    {
        object[] requests =
        [
            new EnableTwoFactorCommand(Secret), new RegenerateRecoveryCodesCommand(Secret), new DisableTwoFactorCommand(Secret),
            new EraseAccountCommand(Secret, Secret, Secret), new LogoutCommand(Secret), new RefreshCommand(Secret),
        ];

        requests.Should().AllSatisfy(r => r.ToString().Should().Be(r.GetType().Name));
    }

    [Fact]
    public void A_second_factor_prints_its_user_and_steps_but_no_secret_or_code_hash()
    {
        var state = new TwoFactorState(UserId.From("000000000000000000000abc"), Secret, Secret, TestUsers.Epoch, 42, [Secret]);

        state.ToString().Should().Be($"TwoFactorState {{ UserId = 000000000000000000000abc, EnabledAt = {TestUsers.Epoch}, LastStep = 42 }}");
        new RecoveryCodeList([Secret]).ToString().Should().Be(nameof(RecoveryCodeList));
        TwoFactorEnabled.From([Secret], new TokenPair("Bearer", Secret, 900, Secret, 86400)).ToString()
            .Should().Be("TwoFactorEnabled { ExpiresIn = 900, RefreshExpiresIn = 86400 }");
    }
}
