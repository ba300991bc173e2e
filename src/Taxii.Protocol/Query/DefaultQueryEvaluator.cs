namespace Taxii.Protocol.Query;

/// <summary>
/// Compiles a <see cref="DefaultQuery"/> into a reusable <see cref="DefaultQueryMatcher"/>, refusing what this service
/// cannot evaluate with the status [Q] §2 defines for it.
/// </summary>
public static class DefaultQueryEvaluator
{
    /// <summary>The capability modules this evaluator implements: core, regex and timestamp.</summary>
    public static IReadOnlyList<string> SupportedCapabilityModules { get; } =
        [CapabilityModules.Core, CapabilityModules.Regex, CapabilityModules.Timestamp];

    /// <summary>
    /// Compiles <paramref name="query"/> for any target within the given vocabularies (scope <c>**</c>) and every module
    /// in <see cref="SupportedCapabilityModules"/>.
    /// </summary>
    /// <exception cref="DefaultQueryException">UNSUPPORTED_TARGETING_EXPRESSION_ID, UNSUPPORTED_CAPABILITY_MODULE,
    /// UNSUPPORTED_TARGETING_EXPRESSION or BAD_MESSAGE, with the Status_Detail values to send.</exception>
    public static DefaultQueryMatcher Compile(DefaultQuery query, IEnumerable<string> supportedTargetingExpressionIds)
    {
        ArgumentNullException.ThrowIfNull(supportedTargetingExpressionIds);
        var expressions = supportedTargetingExpressionIds
            .Select(id => new TargetingExpressionInfo(id, [], ["**"]))
            .ToArray();
        return Compile(query, expressions, SupportedCapabilityModules);
    }

    /// <summary>
    /// Compiles <paramref name="query"/> against what a service advertises in its Supported_Query: its vocabularies,
    /// their preferred and allowed scopes, and its capability modules (those this evaluator implements).
    /// </summary>
    /// <exception cref="DefaultQueryException">As for <see cref="Compile(DefaultQuery, IEnumerable{string})"/>; a target
    /// outside every advertised scope is UNSUPPORTED_TARGETING_EXPRESSION.</exception>
    public static DefaultQueryMatcher Compile(DefaultQuery query, DefaultQueryInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var modules = info.CapabilityModules.Where(SupportedCapabilityModules.Contains).ToArray();
        return Compile(query, info.TargetingExpressions, modules);
    }

    private static DefaultQueryMatcher Compile(
        DefaultQuery query, IReadOnlyList<TargetingExpressionInfo> expressions, IReadOnlyList<string> modules)
    {
        ArgumentNullException.ThrowIfNull(query);
        var info = expressions.FirstOrDefault(e =>
            string.Equals(e.TargetingExpressionId, query.TargetingExpressionId.Trim(), StringComparison.Ordinal));
        if (info is null)
        {
            throw new DefaultQueryException(
                DefaultQueryStatus.UnsupportedTargetingExpressionId,
                $"Targeting expression vocabulary '{query.TargetingExpressionId}' is not supported.",
                Details((DefaultQueryStatus.TargetingExpressionIdDetail, expressions.Select(e => e.TargetingExpressionId).ToArray())));
        }

        var compiler = new CriteriaCompiler(info, modules);
        var root = compiler.CompileCriteria(query.Criteria, 1);
        return new DefaultQueryMatcher(query, [.. compiler.Criteria], root);
    }

    private static Dictionary<string, IReadOnlyList<string>> Details(params (string Name, string[] Values)[] details)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, values) in details)
        {
            if (values.Length > 0)
            {
                result[name] = values;
            }
        }

        return result;
    }

    private sealed class CriteriaCompiler
    {
        private readonly TargetingExpressionInfo _info;
        private readonly IReadOnlyList<string> _modules;
        private readonly TargetingExpression[] _scopes;

        public CriteriaCompiler(TargetingExpressionInfo info, IReadOnlyList<string> modules)
        {
            _info = info;
            _modules = modules;
            _scopes = info.PreferredScopes.Concat(info.AllowedScopes)
                .Select(scope => TargetingExpression.TryParse(scope, out var parsed, out var error)
                    ? parsed!
                    : throw new ArgumentException($"The advertised scope '{scope}' is not a targeting expression: {error}."))
                .ToArray();
        }

        public List<CompiledCriterion> Criteria { get; } = [];

        public CompiledCriteria CompileCriteria(Criteria criteria, int depth)
        {
            // the codec bounds parsed queries; a query built in code gets the same limits
            if (depth > DefaultQueryXml.MaxCriteriaDepth)
            {
                throw DefaultQueryException.BadMessage(
                    $"Criteria are nested deeper than {DefaultQueryXml.MaxCriteriaDepth} levels.");
            }

            if (criteria.NestedCriteria.Count + criteria.Criterion.Count == 0)
            {
                throw DefaultQueryException.BadMessage("Criteria must contain at least one Criteria or Criterion.");
            }

            var nested = criteria.NestedCriteria.Select(c => CompileCriteria(c, depth + 1)).ToArray();
            var indexes = new int[criteria.Criterion.Count];
            for (var i = 0; i < indexes.Length; i++)
            {
                if (Criteria.Count >= DefaultQueryXml.MaxCriteriaNodes)
                {
                    throw DefaultQueryException.BadMessage(
                        $"The query has more than {DefaultQueryXml.MaxCriteriaNodes} Criterion elements.");
                }

                indexes[i] = Criteria.Count;
                Criteria.Add(CompileCriterion(criteria.Criterion[i]));
            }

            return new CompiledCriteria(criteria.Operator == CriteriaOperator.And, nested, indexes);
        }

        private CompiledCriterion CompileCriterion(Criterion criterion)
        {
            var module = criterion.Test.CapabilityId.Trim();
            if (!_modules.Contains(module))
            {
                throw new DefaultQueryException(
                    DefaultQueryStatus.UnsupportedCapabilityModule,
                    $"Capability module '{criterion.Test.CapabilityId}' is not supported.",
                    Details((DefaultQueryStatus.CapabilityModuleDetail, [.. _modules])));
            }

            if (!TargetingExpression.TryParse(criterion.Target, out var target, out var error))
            {
                throw UnsupportedTarget($"Target '{criterion.Target}' cannot be evaluated: {error}.");
            }

            if (!_scopes.Any(target!.IsWithin))
            {
                throw UnsupportedTarget($"Target '{criterion.Target}' is outside the supported scopes.");
            }

            return new CompiledCriterion(target, TestCompiler.Compile(criterion.Test), criterion.Negate);
        }

        private DefaultQueryException UnsupportedTarget(string message) => new(
            DefaultQueryStatus.UnsupportedTargetingExpression,
            message,
            Details(
                (DefaultQueryStatus.PreferredScopeDetail, [.. _info.PreferredScopes]),
                (DefaultQueryStatus.AllowedScopeDetail, [.. _info.AllowedScopes])));
    }
}
