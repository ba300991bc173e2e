namespace Taxii.Server.Admin;

/// <summary>What became of a role grant or revocation (<see cref="RoleGrants.TryChangeAsync"/>).</summary>
internal enum GrantOutcome
{
    Done,
    NotFound,
    Forbidden,
}
