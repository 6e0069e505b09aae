using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace TenantModels.Core.Sql;

/// <summary>
/// The only place SQL text is assembled from names and values: identifiers are always double-quoted and
/// literals always single-quoted with doubling, whatever their content.
/// </summary>
public sealed class SqlWriter
{
    private readonly StringBuilder _text = new();

    public static string QuoteIdentifier(string name)
    {
        if (name.IndexOf('\0') >= 0)
        {
            throw new ArgumentException("Identifiers cannot contain NUL.", nameof(name));
        }

        return "\"" + name.Replace("\"", "\"\"") + "\"";
    }

    public static string QualifiedName(string schema, string name) => QuoteIdentifier(schema) + "." + QuoteIdentifier(name);

    /// <summary>The dollar-quote tag of generated DO blocks and function bodies (no generated text contains it).</summary>
    public const string DollarQuote = "$tm$";

    public static string QuoteLiteral(string value)
    {
        if (value.IndexOf('\0') >= 0)
        {
            throw new ArgumentException("Literals cannot contain NUL.", nameof(value));
        }

        // standard_conforming_strings is on since PostgreSQL 9.1: only the quote needs doubling.
        return "'" + value.Replace("'", "''") + "'";
    }

    public SqlWriter Append(string sql)
    {
        _text.Append(sql);
        return this;
    }

    public SqlWriter Identifier(string name) => Append(QuoteIdentifier(name));

    public SqlWriter Qualified(string schema, string name) => Append(QualifiedName(schema, name));

    public SqlWriter Literal(string value) => Append(QuoteLiteral(value));

    public SqlWriter Line(string sql = "") => Append(sql).Append("\n");

    public SqlWriter Join<T>(string separator, IEnumerable<T> items, Action<SqlWriter, T> write)
    {
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                Append(separator);
            }

            write(this, item);
            first = false;
        }

        return this;
    }

    public override string ToString() => _text.ToString();

    public static string Lines(IEnumerable<string> lines) => string.Join("\n", lines.ToArray());
}
