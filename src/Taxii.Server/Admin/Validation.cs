namespace Taxii.Server.Admin;

/// <summary>Field-level validation errors, answered as RFC 7807 problem details with HTTP 422.</summary>
internal sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    /// <summary>The messages by field, as the API names fields (camelCase); the web UI shows them beside its inputs.</summary>
    public IReadOnlyDictionary<string, List<string>> Errors => _errors;

    public Validation Require(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"{field} is required");
        }
        else
        {
            MaxLength(field, value, maxLength);
        }

        return this;
    }

    public Validation MaxLength(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
        {
            Add(field, $"{field} must be at most {maxLength} characters");
        }

        return this;
    }

    public Validation Check(bool condition, string field, string message)
    {
        if (!condition)
        {
            Add(field, message);
        }

        return this;
    }

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    public IResult Problem() => Problem(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    public static IResult Problem(Dictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The request is not valid", statusCode: StatusCodes.Status422UnprocessableEntity);
}
