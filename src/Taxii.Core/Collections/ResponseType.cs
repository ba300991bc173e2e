namespace Taxii.Core.Collections;

/// <summary>Whether a poll or subscription delivers content or only counts it.</summary>
public enum ResponseType
{
    Full,
    CountOnly,
}
