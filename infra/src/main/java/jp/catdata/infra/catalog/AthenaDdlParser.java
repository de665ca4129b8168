package jp.catdata.infra.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.catdata.infra.catalog.TableDefinition.ColumnDefinition;

/**
 * Parses Athena {@code CREATE EXTERNAL TABLE} statements into {@link TableDefinition}s, so the Glue
 * tables are generated from the same DDL files that analysts run in Athena.
 *
 * <p>Accepted grammar, keywords case-insensitive, {@code --} and {@code /* *}{@code /} comments
 * ignored:
 *
 * <pre>
 * CREATE EXTERNAL TABLE [IF NOT EXISTS] [database.]name ( column type [COMMENT 'text'], ... )
 *   [COMMENT 'text']
 *   [PARTITIONED BY ( column type [COMMENT 'text'], ... )]
 *   [ROW FORMAT SERDE 'class' [WITH SERDEPROPERTIES ( 'key'='value', ... )]]
 *   STORED AS PARQUET
 *   LOCATION 's3://...'
 *   [TBLPROPERTIES ( 'key'='value', ... )] ;
 * </pre>
 *
 * <p>Types may nest ({@code array<struct<a:int,b:string>>}, {@code decimal(10,2)}). Identifiers may
 * be quoted with backticks. A statement of any other kind, another storage format or a missing
 * {@code LOCATION} raises {@link IllegalArgumentException} naming the source, the line and what was
 * expected.
 */
public final class AthenaDdlParser {

    private final String source;
    private final List<Token> tokens;
    private int position;

    private AthenaDdlParser(String source, List<Token> tokens) {
        this.source = source;
        this.tokens = tokens;
    }

    /**
     * Parses every statement in {@code ddl}.
     *
     * @param ddl the DDL text, one or more statements separated by semicolons
     * @param source a name for the text in error messages, usually its file name
     */
    public static List<TableDefinition> parse(String ddl, String source) {
        AthenaDdlParser parser = new AthenaDdlParser(source, new Lexer(ddl, source).tokenize());
        List<TableDefinition> tables = new ArrayList<>();
        while (!parser.atEnd()) {
            if (parser.acceptSymbol(";")) {
                continue;
            }
            tables.add(parser.createTable());
        }
        if (tables.isEmpty()) {
            throw new IllegalArgumentException(
                    source + ": no CREATE EXTERNAL TABLE statement found");
        }
        return tables;
    }

    private TableDefinition createTable() {
        expectKeyword("CREATE");
        expectKeyword("EXTERNAL");
        expectKeyword("TABLE");
        if (acceptKeyword("IF")) {
            expectKeyword("NOT");
            expectKeyword("EXISTS");
        }
        String database = null;
        String name = identifier("table name");
        if (acceptSymbol(".")) {
            database = name;
            name = identifier("table name after '" + database + ".'");
        }
        List<ColumnDefinition> columns = columnList("column list of table " + name);
        List<ColumnDefinition> partitionKeys = List.of();
        String comment = null;
        String storedAs = null;
        String location = null;
        Map<String, String> tableProperties = new LinkedHashMap<>();

        while (!atEnd() && !peekSymbol(";")) {
            if (acceptKeyword("COMMENT")) {
                comment = string("table comment");
            } else if (acceptKeyword("PARTITIONED")) {
                expectKeyword("BY");
                partitionKeys = columnList("PARTITIONED BY of table " + name);
            } else if (acceptKeyword("ROW")) {
                // The SerDe follows from STORED AS PARQUET; an explicit one must agree with it.
                expectKeyword("FORMAT");
                expectKeyword("SERDE");
                String serde = string("SerDe class name");
                if (!serde.equals(GlueTables.PARQUET_SERDE)) {
                    throw error("SerDe " + serde + " of table " + name, GlueTables.PARQUET_SERDE);
                }
                if (acceptKeyword("WITH")) {
                    expectKeyword("SERDEPROPERTIES");
                    properties("SERDEPROPERTIES");
                }
            } else if (acceptKeyword("STORED")) {
                expectKeyword("AS");
                storedAs = identifier("storage format").toUpperCase(Locale.ROOT);
                if (!storedAs.equals("PARQUET")) {
                    throw error("STORED AS " + storedAs + " of table " + name, "PARQUET");
                }
            } else if (acceptKeyword("LOCATION")) {
                location = string("LOCATION URI");
            } else if (acceptKeyword("TBLPROPERTIES")) {
                tableProperties.putAll(properties("TBLPROPERTIES"));
            } else {
                throw error(
                        "'" + peek().text + "' after the columns of table " + name,
                        "COMMENT, PARTITIONED BY, ROW FORMAT SERDE, STORED AS, LOCATION,"
                                + " TBLPROPERTIES or ';'");
            }
        }
        if (storedAs == null) {
            throw new IllegalArgumentException(
                    source + ": table " + name + " has no STORED AS clause; add STORED AS PARQUET");
        }
        if (location == null) {
            throw new IllegalArgumentException(
                    source
                            + ": table "
                            + name
                            + " has no LOCATION clause; add LOCATION 's3://...'");
        }
        return new TableDefinition(
                database == null ? null : database.toLowerCase(Locale.ROOT),
                name.toLowerCase(Locale.ROOT),
                columns,
                partitionKeys,
                storedAs,
                location,
                tableProperties,
                comment);
    }

    private List<ColumnDefinition> columnList(String context) {
        expectSymbol("(", context);
        List<ColumnDefinition> columns = new ArrayList<>();
        do {
            String name = identifier("column name in " + context).toLowerCase(Locale.ROOT);
            String type = type(name);
            String comment = acceptKeyword("COMMENT") ? string("comment of column " + name) : null;
            columns.add(new ColumnDefinition(name, type, comment));
        } while (acceptSymbol(","));
        expectSymbol(")", context);
        return List.copyOf(columns);
    }

    /**
     * Reads a column type up to the comma, closing parenthesis or COMMENT that ends it, keeping
     * nested {@code <...>} and {@code (...)} whole.
     */
    private String type(String column) {
        StringBuilder type = new StringBuilder();
        int depth = 0;
        while (!atEnd()) {
            Token token = peek();
            boolean closesColumn = token.isSymbol(",") || token.isSymbol(")");
            if (depth == 0 && (closesColumn || token.isKeyword("COMMENT"))) {
                break;
            }
            if (token.isSymbol("<") || token.isSymbol("(")) {
                depth++;
            } else if (token.isSymbol(">") || token.isSymbol(")")) {
                depth--;
            }
            if (token.kind == Kind.STRING) {
                throw error("a quoted string in the type of column " + column, "a type");
            }
            type.append(token.text);
            position++;
        }
        if (type.length() == 0) {
            throw error("no type for column " + column, "a type such as string or double");
        }
        if (depth != 0) {
            throw new IllegalArgumentException(
                    source + ": unbalanced brackets in the type of column " + column + ": " + type);
        }
        return type.toString().toLowerCase(Locale.ROOT);
    }

    private Map<String, String> properties(String context) {
        expectSymbol("(", context);
        Map<String, String> properties = new LinkedHashMap<>();
        do {
            String key = string("property name in " + context);
            expectSymbol("=", context + " after '" + key + "'");
            String value = string("value of '" + key + "' in " + context);
            properties.put(key, value);
        } while (acceptSymbol(","));
        expectSymbol(")", context);
        return properties;
    }

    private boolean atEnd() {
        return position >= tokens.size();
    }

    private Token peek() {
        if (atEnd()) {
            throw new IllegalArgumentException(source + ": unexpected end of the DDL text");
        }
        return tokens.get(position);
    }

    private boolean peekSymbol(String symbol) {
        return !atEnd() && tokens.get(position).isSymbol(symbol);
    }

    private boolean acceptKeyword(String keyword) {
        if (!atEnd() && tokens.get(position).isKeyword(keyword)) {
            position++;
            return true;
        }
        return false;
    }

    private boolean acceptSymbol(String symbol) {
        if (peekSymbol(symbol)) {
            position++;
            return true;
        }
        return false;
    }

    private void expectKeyword(String keyword) {
        if (!acceptKeyword(keyword)) {
            throw error(atEnd() ? "end of text" : "'" + peek().text + "'", keyword);
        }
    }

    private void expectSymbol(String symbol, String context) {
        if (!acceptSymbol(symbol)) {
            throw error(
                    (atEnd() ? "end of text" : "'" + peek().text + "'") + " in " + context,
                    "'" + symbol + "'");
        }
    }

    private String identifier(String expected) {
        Token token = peek();
        if (token.kind != Kind.WORD && token.kind != Kind.QUOTED_IDENTIFIER) {
            throw error("'" + token.text + "'", expected);
        }
        position++;
        return token.text;
    }

    private String string(String expected) {
        Token token = peek();
        if (token.kind != Kind.STRING) {
            throw error("'" + token.text + "'", expected + " in single quotes");
        }
        position++;
        return token.text;
    }

    private IllegalArgumentException error(String found, String expected) {
        int line = atEnd() ? -1 : tokens.get(position).line;
        String where = line > 0 ? source + " line " + line : source;
        return new IllegalArgumentException(where + ": found " + found + ", expected " + expected);
    }

    private enum Kind {
        WORD,
        QUOTED_IDENTIFIER,
        STRING,
        SYMBOL
    }

    private record Token(Kind kind, String text, int line) {
        boolean isKeyword(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }

        boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }
    }

    /** Splits DDL text into words, quoted strings, backtick identifiers and symbols. */
    private static final class Lexer {
        private static final String SYMBOLS = "(),;=<>:.";

        private final String text;
        private final String source;
        private int index;
        private int line = 1;

        Lexer(String text, String source) {
            this.text = text;
            this.source = source;
        }

        List<Token> tokenize() {
            List<Token> tokens = new ArrayList<>();
            while (true) {
                skipSpaceAndComments();
                if (index >= text.length()) {
                    return tokens;
                }
                char c = text.charAt(index);
                if (c == '\'' || c == '"') {
                    tokens.add(new Token(Kind.STRING, quoted(c), line));
                } else if (c == '`') {
                    tokens.add(new Token(Kind.QUOTED_IDENTIFIER, quoted('`'), line));
                } else if (SYMBOLS.indexOf(c) >= 0) {
                    tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), line));
                    index++;
                } else if (Character.isLetterOrDigit(c) || c == '_') {
                    int start = index;
                    while (index < text.length()
                            && (Character.isLetterOrDigit(text.charAt(index))
                                    || text.charAt(index) == '_')) {
                        index++;
                    }
                    tokens.add(new Token(Kind.WORD, text.substring(start, index), line));
                } else {
                    throw new IllegalArgumentException(
                            source + " line " + line + ": unexpected character '" + c + "'");
                }
            }
        }

        private void skipSpaceAndComments() {
            while (index < text.length()) {
                char c = text.charAt(index);
                if (c == '\n') {
                    line++;
                    index++;
                } else if (Character.isWhitespace(c)) {
                    index++;
                } else if (text.startsWith("--", index)) {
                    while (index < text.length() && text.charAt(index) != '\n') {
                        index++;
                    }
                } else if (text.startsWith("/*", index)) {
                    int end = text.indexOf("*/", index + 2);
                    if (end < 0) {
                        throw new IllegalArgumentException(
                                source + " line " + line + ": comment '/*' is never closed");
                    }
                    line += countNewlines(text.substring(index, end));
                    index = end + 2;
                } else {
                    return;
                }
            }
        }

        /**
         * Reads a quoted token starting at the opening quote. A doubled quote or a backslash
         * escapes the quote character, as Athena and Hive accept.
         */
        private String quoted(char quote) {
            int startLine = line;
            StringBuilder value = new StringBuilder();
            index++;
            while (index < text.length()) {
                char c = text.charAt(index);
                if (c == '\\' && index + 1 < text.length()) {
                    value.append(text.charAt(index + 1));
                    index += 2;
                } else if (c == quote
                        && index + 1 < text.length()
                        && text.charAt(index + 1) == quote) {
                    value.append(quote);
                    index += 2;
                } else if (c == quote) {
                    index++;
                    return value.toString();
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    value.append(c);
                    index++;
                }
            }
            throw new IllegalArgumentException(
                    source + " line " + startLine + ": quote " + quote + " is never closed");
        }

        private static int countNewlines(String s) {
            int count = 0;
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) == '\n') {
                    count++;
                }
            }
            return count;
        }
    }
}
