using System;
using System.Collections.Generic;
using System.Linq;

namespace PatientJourney.Crm.Emulator.WebApi.OData;

/// <summary>One segment of a resource path: a name and, in parentheses, a key or function parameters.</summary>
public sealed record PathSegment(string Name, IReadOnlyList<Token>? Arguments)
{
    /// <summary>A lone literal in the parentheses (a row id), or null.</summary>
    public Literal? SingleLiteral => Arguments is [{ Kind: TokenKind.Literal } only, { Kind: TokenKind.End }] ? only.Literal : null;

    /// <summary>name=literal pairs in the parentheses (alternate key values or function parameters).</summary>
    public IReadOnlyList<(string Name, Literal Value)> NamedArguments()
    {
        var result = new List<(string, Literal)>();
        if (Arguments == null || Arguments.Count == 1) return result;
        for (var i = 0; i < Arguments.Count - 1; i += 4)
        {
            if (Arguments[i].Kind != TokenKind.Identifier || Arguments[i + 1].Kind != TokenKind.Equals || Arguments[i + 2].Kind != TokenKind.Literal
                || Arguments[i + 3].Kind is not (TokenKind.Comma or TokenKind.End))
            {
                throw WebApiError.BadQuery($"Bad Request - Error in query syntax: the parentheses after '{Name}' must hold a row id or name=value pairs.");
            }
            result.Add((Arguments[i].Text, Arguments[i + 2].Literal!));
        }
        return result;
    }
}

/// <summary>The part of a URL after <c>/api/data/v9.2/</c>, split into segments (slashes inside quotes or parentheses do not split).</summary>
public static class ResourcePath
{
    public static IReadOnlyList<PathSegment> Parse(string path)
    {
        var segments = new List<PathSegment>();
        foreach (var part in Split(path))
        {
            var open = part.IndexOf('(', StringComparison.Ordinal);
            if (open < 0)
            {
                segments.Add(new PathSegment(part, null));
                continue;
            }
            if (!part.EndsWith(')')) throw WebApiError.BadQuery($"Bad Request - Error in query syntax: '{part[..open]}(' is not closed.");
            segments.Add(new PathSegment(part[..open], UriLexer.Tokenize(part[(open + 1)..^1])));
        }
        return segments;
    }

    private static IEnumerable<string> Split(string path)
    {
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '\'') quoted = !quoted;
            else if (!quoted && c == '(') depth++;
            else if (!quoted && c == ')') depth--;
            else if (!quoted && depth == 0 && c == '/')
            {
                if (i > start) yield return path[start..i];
                start = i + 1;
            }
        }
        if (start < path.Length) yield return path[start..];
    }

    /// <summary>The id of a row URL such as <c>/contacts(guid)</c> or an absolute one, with its entity set.</summary>
    public static (string EntitySet, Guid Id)? RowUrl(string url)
    {
        var marker = url.IndexOf("/api/data/v9.2/", StringComparison.OrdinalIgnoreCase);
        var relative = (marker >= 0 ? url[(marker + "/api/data/v9.2/".Length)..] : url).TrimStart('/');
        var segments = Parse(relative);
        if (segments.Count != 1 || segments[0].SingleLiteral is not { Kind: LiteralKind.Guid } id) return null;
        return (segments[0].Name, Guid.Parse(id.Text));
    }

    public static bool IsEmpty(IReadOnlyList<Token>? tokens) => tokens == null || tokens.All(t => t.Kind == TokenKind.End);
}
