using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Taxii.Server.Admin;

internal static class Conflicts
{
    /// <summary>A unique index refused the row: another request made the same name first.</summary>
    public static bool IsUniqueViolation(DbUpdateException e) =>
        e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public static IResult Problem(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
}
