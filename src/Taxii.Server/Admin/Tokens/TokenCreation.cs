namespace Taxii.Server.Admin.Tokens;

/// <summary>The outcome of <see cref="TokenOperations.CreateAsync"/>: the new token with its secret, or the field errors.</summary>
internal sealed record TokenCreation(CreatedTokenDto? Created, Validation? Invalid);
