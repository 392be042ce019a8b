namespace CleanAuth.Tests.Integration.Support;

/// <summary>
/// With CLEANAUTH_FORCE_GC=1 (scripts/stress-embedded.sh), a background thread collects garbage and runs the
/// finalizers every few milliseconds for as long as the test host lives, so that a finalizer that throws — as
/// LiteDB 5's did, ending the process — would surface in any test, not once in ten runs.
/// </summary>
public static class ForcedCollections
{
    private static int _started;

    public static long Collections { get; private set; }

    public static void StartIfAsked()
    {
        if (Environment.GetEnvironmentVariable("CLEANAUTH_FORCE_GC") != "1" || Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }

        new Thread(() =>
        {
            while (true)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                Collections++;
                Thread.Sleep(5);
            }
        })
        { IsBackground = true, Name = "forced collections" }.Start();
    }
}
