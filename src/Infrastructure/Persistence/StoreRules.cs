using CleanAuth.Domain.Users;

namespace CleanAuth.Infrastructure.Persistence;

/// <summary>What every user-repository adapter checks the same way before it writes.</summary>
internal static class StoreRules
{
    /// <summary>A plain update may not take an active administrator away: that must go through the guarded update.</summary>
    public static void EnsureNotRemovingActiveAdmin(User user)
    {
        if (user.StoredAsActiveAdmin && !user.IsActiveAdmin)
        {
            throw new InvalidOperationException("Taking an active administrator away goes through TryUpdateRemovingActiveAdminAsync.");
        }
    }

    public static void EnsureRemovingActiveAdmin(User user)
    {
        if (!user.StoredAsActiveAdmin || user.IsActiveAdmin)
        {
            throw new InvalidOperationException("TryUpdateRemovingActiveAdminAsync is only for a change that takes an active administrator away.");
        }
    }

    /// <summary>Both stores keep instants to the millisecond (MongoDB cannot keep more).</summary>
    public static DateTimeOffset ToMilliseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
