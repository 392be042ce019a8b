using System.Text;

namespace CleanAuth.Domain.Common;

/// <summary>
/// Latin, Cyrillic and Greek share letters a reader cannot tell apart (Latin a, Cyrillic а, Greek α's neighbours), so
/// a word that mixes them can pass for an all-Latin one (ADR 0044). .NET has no Unicode script property, so the three
/// are told apart by their Unicode blocks; letters of other scripts, digits and marks take no side.
/// </summary>
public static class LookalikeScripts
{
    private enum Script
    {
        None,
        Latin,
        Cyrillic,
        Greek,
    }

    private static readonly (int First, int Last, Script Script)[] Blocks =
    [
        (0x0041, 0x005A, Script.Latin), (0x0061, 0x007A, Script.Latin), // Basic Latin letters
        (0x00C0, 0x024F, Script.Latin), // Latin-1 Supplement letters, Latin Extended-A and -B (× and ÷ are not letters)
        (0x0250, 0x02AF, Script.Latin), // IPA Extensions
        (0x1E00, 0x1EFF, Script.Latin), // Latin Extended Additional
        (0x2C60, 0x2C7F, Script.Latin), (0xA720, 0xA7FF, Script.Latin), (0xAB30, 0xAB6F, Script.Latin), // Latin Extended-C, -D, -E
        (0x0370, 0x03FF, Script.Greek), (0x1F00, 0x1FFF, Script.Greek), // Greek and Coptic, Greek Extended
        (0x0400, 0x052F, Script.Cyrillic), (0x1C80, 0x1C8F, Script.Cyrillic), // Cyrillic, its Supplement, Extended-C
        (0x2DE0, 0x2DFF, Script.Cyrillic), (0xA640, 0xA69F, Script.Cyrillic), // Cyrillic Extended-A, -B
    ];

    /// <summary>True when <paramref name="word"/> holds letters of two or more of Latin, Cyrillic and Greek.</summary>
    public static bool AreMixed(string word)
    {
        var seen = Script.None;
        foreach (var rune in word.EnumerateRunes())
        {
            var script = Rune.IsLetter(rune) ? ScriptOf(rune.Value) : Script.None;
            if (script == Script.None)
            {
                continue;
            }

            if (seen != Script.None && seen != script)
            {
                return true;
            }

            seen = script;
        }

        return false;
    }

    private static Script ScriptOf(int codePoint)
    {
        foreach (var (first, last, script) in Blocks)
        {
            if (codePoint >= first && codePoint <= last)
            {
                return script;
            }
        }

        return Script.None;
    }
}
