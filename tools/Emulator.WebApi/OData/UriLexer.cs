using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace PatientJourney.Crm.Emulator.WebApi.OData;

public enum LiteralKind
{
    String,
    Number,
    Boolean,
    Null,
    Guid,
    DateTime,
    /// <summary>A parameter alias (@p1), resolved from the query string.</summary>
    Alias,
}

/// <summary>A literal of the OData URL syntax; <see cref="Text"/> is unquoted for strings.</summary>
public sealed record Literal(LiteralKind Kind, string Text);

public enum TokenKind
{
    Identifier,
    Literal,
    Open,
    Close,
    Comma,
    Equals,
    End,
}

public sealed record Token(TokenKind Kind, string Text, Literal? Literal = null);

/// <summary>Splits OData URL expressions ($filter, key predicates, function parameters) into tokens.</summary>
public static partial class UriLexer
{
    [GeneratedRegex(@"\G[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex GuidPattern();

    [GeneratedRegex(@"\G\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"\G-?\d+(\.\d+)?([eE][+-]?\d+)?[mMdDlLfF]?")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\G[A-Za-z_@$][A-Za-z0-9_.@$/]*")]
    private static partial Regex IdentifierPattern();

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            switch (c)
            {
                case '(': tokens.Add(new Token(TokenKind.Open, "(")); i++; continue;
                case ')': tokens.Add(new Token(TokenKind.Close, ")")); i++; continue;
                case ',': tokens.Add(new Token(TokenKind.Comma, ",")); i++; continue;
                case '=': tokens.Add(new Token(TokenKind.Equals, "=")); i++; continue;
                case '\'': tokens.Add(String(text, ref i)); continue;
            }
            Match m;
            if ((m = GuidPattern().Match(text, i)).Success) tokens.Add(LiteralToken(LiteralKind.Guid, m.Value));
            else if ((m = DateTimePattern().Match(text, i)).Success) tokens.Add(LiteralToken(LiteralKind.DateTime, m.Value));
            else if ((m = NumberPattern().Match(text, i)).Success) tokens.Add(LiteralToken(LiteralKind.Number, m.Value));
            else if ((m = IdentifierPattern().Match(text, i)).Success)
            {
                tokens.Add(m.Value switch
                {
                    "true" or "false" => LiteralToken(LiteralKind.Boolean, m.Value),
                    "null" => LiteralToken(LiteralKind.Null, m.Value),
                    _ when m.Value.StartsWith('@') => LiteralToken(LiteralKind.Alias, m.Value),
                    _ => new Token(TokenKind.Identifier, m.Value),
                });
            }
            else throw WebApiError.BadQuery($"Syntax error: character '{c}' is not valid at position {i}.");
            i += m.Length;
        }
        tokens.Add(new Token(TokenKind.End, ""));
        return tokens;
    }

    private static Token LiteralToken(LiteralKind kind, string text) => new(TokenKind.Literal, text, new Literal(kind, text));

    private static Token String(string text, ref int i)
    {
        var value = new StringBuilder();
        for (i++; i < text.Length; i++)
        {
            if (text[i] != '\'') { value.Append(text[i]); continue; }
            if (i + 1 < text.Length && text[i + 1] == '\'') { value.Append('\''); i++; continue; }
            i++;
            return LiteralToken(LiteralKind.String, value.ToString());
        }
        throw WebApiError.BadQuery("Syntax error: a string literal is not closed with a quote.");
    }
}
