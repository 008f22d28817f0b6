using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.WebApi.OData;

/// <summary>
/// <c>$filter</c> as a QueryExpression filter: comparison operators, and/or/not, contains/startswith/endswith, null,
/// and lookups by <c>_x_value</c> (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/filter-rows).
/// <c>not</c> is pushed down to the conditions (De Morgan), since a FilterExpression has no negation.
/// </summary>
public sealed class FilterParser
{
    private readonly ServiceModel model;
    private readonly TableMetadata table;
    private readonly List<Token> tokens;
    private readonly Func<string, Literal> alias;
    private int position;

    private FilterParser(ServiceModel model, TableMetadata table, string filter, Func<string, Literal> alias)
    {
        this.model = model;
        this.table = table;
        this.alias = alias;
        tokens = UriLexer.Tokenize(filter);
    }

    public static FilterExpression Parse(ServiceModel model, TableMetadata table, string filter, Func<string, Literal> alias)
    {
        var parser = new FilterParser(model, table, filter, alias);
        var node = parser.Or();
        if (parser.Peek.Kind != TokenKind.End)
        {
            // A literal is not echoed: it may be patient data.
            var what = parser.Peek.Kind == TokenKind.Literal ? "a literal" : $"'{parser.Peek.Text}'";
            throw WebApiError.BadQuery($"Syntax error in $filter: {what} was not expected at token {parser.position + 1}.");
        }
        return node(false);
    }

    private Token Peek => tokens[position];

    private bool IsWord(string word) => Peek.Kind == TokenKind.Identifier && Peek.Text == word;

    private Token Expect(TokenKind kind, string what)
    {
        if (Peek.Kind != kind) throw WebApiError.BadQuery($"Syntax error in $filter: {what} expected at token {position + 1}.");
        return tokens[position++];
    }

    // Each node builds its filter given whether it is negated.
    private Func<bool, FilterExpression> Or()
    {
        var left = And();
        while (IsWord("or"))
        {
            position++;
            left = Combine(left, And(), LogicalOperator.Or);
        }
        return left;
    }

    private Func<bool, FilterExpression> And()
    {
        var left = Unary();
        while (IsWord("and"))
        {
            position++;
            left = Combine(left, Unary(), LogicalOperator.And);
        }
        return left;
    }

    private static Func<bool, FilterExpression> Combine(Func<bool, FilterExpression> left, Func<bool, FilterExpression> right, LogicalOperator op) => negate =>
    {
        var filter = new FilterExpression(negate ? (op == LogicalOperator.And ? LogicalOperator.Or : LogicalOperator.And) : op);
        filter.AddFilter(left(negate));
        filter.AddFilter(right(negate));
        return filter;
    };

    private Func<bool, FilterExpression> Unary()
    {
        if (IsWord("not"))
        {
            position++;
            var inner = Unary();
            return negate => inner(!negate);
        }
        if (Peek.Kind == TokenKind.Open)
        {
            position++;
            var inner = Or();
            Expect(TokenKind.Close, "')'");
            return inner;
        }
        var name = Expect(TokenKind.Identifier, "a property or function").Text;
        return Peek.Kind == TokenKind.Open ? Function(name) : Comparison(name);
    }

    private Func<bool, FilterExpression> Function(string name)
    {
        var (positive, negative) = name switch
        {
            "contains" => (ConditionOperator.Like, ConditionOperator.NotLike),
            "startswith" => (ConditionOperator.BeginsWith, ConditionOperator.DoesNotBeginWith),
            "endswith" => (ConditionOperator.EndsWith, ConditionOperator.DoesNotEndWith),
            _ => throw WebApiError.BadQuery($"An unknown function with name '{name}' was found in $filter."),
        };
        Expect(TokenKind.Open, "'('");
        var column = Column(Expect(TokenKind.Identifier, "a property").Text);
        Expect(TokenKind.Comma, "','");
        var literal = Operand();
        Expect(TokenKind.Close, "')'");
        if (literal.Kind != LiteralKind.String || column.Type is not (ColumnType.String or ColumnType.Memo))
        {
            throw WebApiError.BadQuery($"The function '{name}' takes a text property and a string literal; '{column.LogicalName}' is {EdmValues.EdmType(column.Type)}.");
        }
        var value = name == "contains" ? "%" + literal.Text + "%" : literal.Text;
        return negate => Single(column.LogicalName, negate ? negative : positive, value);
    }

    private Func<bool, FilterExpression> Comparison(string property)
    {
        var column = Column(property);
        var opToken = Expect(TokenKind.Identifier, "a comparison operator (eq, ne, gt, ge, lt, le)").Text;
        var (op, inverse, kind) = opToken switch
        {
            "eq" => (ConditionOperator.Equal, ConditionOperator.NotEqual, "Equal"),
            "ne" => (ConditionOperator.NotEqual, ConditionOperator.Equal, "NotEqual"),
            "gt" => (ConditionOperator.GreaterThan, ConditionOperator.LessEqual, "GreaterThan"),
            "ge" => (ConditionOperator.GreaterEqual, ConditionOperator.LessThan, "GreaterThanOrEqual"),
            "lt" => (ConditionOperator.LessThan, ConditionOperator.GreaterEqual, "LessThan"),
            "le" => (ConditionOperator.LessEqual, ConditionOperator.GreaterThan, "LessThanOrEqual"),
            _ => throw WebApiError.BadQuery($"Syntax error in $filter: '{opToken}' is not a comparison operator."),
        };
        var literal = Operand();
        if (literal.Kind == LiteralKind.Null)
        {
            if (op is not (ConditionOperator.Equal or ConditionOperator.NotEqual)) throw WebApiError.BadQuery($"The operator '{opToken}' cannot compare with null.");
            var isNull = op == ConditionOperator.Equal;
            return negate => Single(column.LogicalName, isNull != negate ? ConditionOperator.Null : ConditionOperator.NotNull, null);
        }
        if (!EdmValues.TryFromLiteral(column, literal, out var value))
        {
            throw WebApiError.BadQuery(
                $"A binary operator with incompatible types was detected. Found operand types '{EdmValues.EdmType(column.Type)}' and '{LiteralEdmType(literal)}' for operator kind '{kind}'.");
        }
        return negate => Single(column.LogicalName, negate ? inverse : op, value);
    }

    private Literal Operand()
    {
        var token = Expect(TokenKind.Literal, "a literal value");
        return token.Literal!.Kind == LiteralKind.Alias ? alias(token.Text) : token.Literal;
    }

    private ColumnDefinition Column(string property) => model.Property(table, property);

    private static FilterExpression Single(string column, ConditionOperator op, object? value)
    {
        var filter = new FilterExpression(LogicalOperator.And);
        if (value == null) filter.AddCondition(column, op);
        else filter.AddCondition(column, op, value);
        return filter;
    }

    private static string LiteralEdmType(Literal literal) => literal.Kind switch
    {
        LiteralKind.String => "Edm.String",
        LiteralKind.Boolean => "Edm.Boolean",
        LiteralKind.Guid => "Edm.Guid",
        LiteralKind.DateTime => "Edm.DateTimeOffset",
        _ => literal.Text.Contains('.', StringComparison.Ordinal) ? "Edm.Decimal" : "Edm.Int32",
    };
}
