using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AxonFlow.Core.Clients;

/// <summary>
/// A client's version as semantic versioning orders it: <c>MAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD]</c>, missing parts
/// counting as 0. A pre-release sorts below its release (<c>8.0.0-rc.1</c> &lt; <c>8.0.0</c>); build metadata is ignored.
/// </summary>
public sealed class ClientVersion
{
    public const int MaxLength = 64;

    private readonly string _text;
    private readonly string[] _preRelease;

    private ClientVersion(string text, int major, int minor, int patch, string[] preRelease)
    {
        _text = text;
        Major = major;
        Minor = minor;
        Patch = patch;
        _preRelease = preRelease;
    }

    public int Major { get; }

    public int Minor { get; }

    public int Patch { get; }

    public bool IsPreRelease => _preRelease.Length > 0;

    public static bool TryParse(string? text, [NotNullWhen(true)] out ClientVersion? version)
    {
        version = null;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return false;
        }

        var rest = text;
        var plus = rest.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            if (!AreIdentifiers(rest[(plus + 1)..], numericRule: false))
            {
                return false;
            }

            rest = rest[..plus];
        }

        string[] preRelease = [];
        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            var tag = rest[(dash + 1)..];
            if (!AreIdentifiers(tag, numericRule: true))
            {
                return false;
            }

            preRelease = tag.Split('.');
            rest = rest[..dash];
        }

        var parts = rest.Split('.');
        if (parts.Length > 3)
        {
            return false;
        }

        var numbers = new int[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!IsNumber(parts[i]))
            {
                return false;
            }

            numbers[i] = int.Parse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture);
        }

        version = new ClientVersion(text, numbers[0], numbers[1], numbers[2], preRelease);
        return true;
    }

    public static ClientVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not a version (MAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD]).");

    /// <summary>Semantic-versioning precedence: negative when this version sorts below <paramref name="other"/>.</summary>
    public int CompareTo(ClientVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var core = Major != other.Major ? Major.CompareTo(other.Major)
            : Minor != other.Minor ? Minor.CompareTo(other.Minor)
            : Patch.CompareTo(other.Patch);
        if (core != 0)
        {
            return core;
        }

        if (_preRelease.Length == 0 || other._preRelease.Length == 0)
        {
            // A release sorts above its own pre-releases.
            return (_preRelease.Length == 0 ? 1 : 0) - (other._preRelease.Length == 0 ? 1 : 0);
        }

        for (var i = 0; i < Math.Min(_preRelease.Length, other._preRelease.Length); i++)
        {
            var compared = CompareIdentifiers(_preRelease[i], other._preRelease[i]);
            if (compared != 0)
            {
                return compared;
            }
        }

        return _preRelease.Length.CompareTo(other._preRelease.Length);
    }

    public bool IsBelow(ClientVersion other) => CompareTo(other) < 0;

    /// <summary>The version exactly as the client sent it.</summary>
    public override string ToString() => _text;

    // Numeric identifiers sort numerically and below alphanumeric ones (semver 2.0 §11).
    private static int CompareIdentifiers(string left, string right)
    {
        var leftNumeric = left.All(char.IsAsciiDigit);
        var rightNumeric = right.All(char.IsAsciiDigit);
        return (leftNumeric, rightNumeric) switch
        {
            (true, true) => left.Length != right.Length ? left.Length.CompareTo(right.Length) : string.CompareOrdinal(left, right),
            (true, false) => -1,
            (false, true) => 1,
            _ => string.CompareOrdinal(left, right),
        };
    }

    private static bool IsNumber(string part) =>
        part.Length is > 0 and <= 9 && part.All(char.IsAsciiDigit) && (part.Length == 1 || part[0] != '0');

    private static bool AreIdentifiers(string dotted, bool numericRule)
    {
        if (dotted.Length == 0)
        {
            return false;
        }

        foreach (var identifier in dotted.Split('.'))
        {
            if (identifier.Length == 0 || !identifier.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }

            // Pre-release numbers carry no leading zeros; they are compared as numbers.
            if (numericRule && identifier.Length > 1 && identifier[0] == '0' && identifier.All(char.IsAsciiDigit))
            {
                return false;
            }
        }

        return true;
    }
}
