#include "bmc/csv.hpp"

#include "bmc/errors.hpp"

namespace bmc {

std::vector<CsvRow> parse_csv(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);
    }
    std::vector<CsvRow> rows;
    CsvRow row;
    std::string field;
    std::size_t line = 1;
    row.line = 1;
    bool row_has_bytes = false;
    std::size_t i = 0;
    const std::size_t n = text.size();
    const auto end_field = [&] {
        row.fields.push_back(std::move(field));
        field.clear();
    };
    const auto end_row = [&] {
        if (row_has_bytes) {
            end_field();
            rows.push_back(std::move(row));
        }
        row = CsvRow{};
        field.clear();
        row_has_bytes = false;
    };
    while (i < n) {
        const char ch = text[i];
        if (ch == '"' && field.empty() && (row_has_bytes ? text[i - 1] == ',' : true)) {
            // A quoted field: read to the closing quote.
            const std::size_t start_line = line;
            row_has_bytes = true;
            ++i;
            bool closed = false;
            while (i < n) {
                const char c = text[i];
                if (c == '"') {
                    if (i + 1 < n && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                if (c == '\n') {
                    ++line;
                }
                field += c;
                ++i;
            }
            if (!closed) {
                throw DataError("line " + std::to_string(start_line) +
                                    ": a quoted field is never closed",
                                "close the quote, or double quotes inside a quoted field (\"\")");
            }
            if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
                throw DataError("line " + std::to_string(line) + ": text after a closing quote",
                                "quote the whole field and double the quotes inside it");
            }
            continue;
        }
        if (ch == ',') {
            if (!row_has_bytes) {
                row.line = line;
            }
            row_has_bytes = true;
            end_field();
            ++i;
            continue;
        }
        if (ch == '\r' && i + 1 < n && text[i + 1] == '\n') {
            ++i;
            continue;
        }
        if (ch == '\n' || ch == '\r') {
            end_row();
            ++line;
            row.line = line;
            ++i;
            continue;
        }
        if (!row_has_bytes) {
            row.line = line;
        }
        row_has_bytes = true;
        field += ch;
        ++i;
    }
    end_row();
    return rows;
}

std::string csv_field(std::string_view value) {
    // A value starting with U+FEFF is quoted too: at the start of a file, a reader would take
    // it for the byte order mark and drop it.
    const bool needs_quotes = value.find_first_of(",\"\r\n") != std::string_view::npos ||
                              (!value.empty() && (value.front() == ' ' || value.back() == ' ')) ||
                              value.starts_with("\xEF\xBB\xBF");
    if (!needs_quotes) {
        return std::string(value);
    }
    std::string out = "\"";
    for (const char c : value) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
    return out;
}

std::string csv_row(const std::vector<std::string>& fields) {
    if (fields.size() == 1 && fields.front().empty()) {
        return "\"\"\r\n"; // a record of one empty field, not a blank line (which readers skip)
    }
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        out += csv_field(fields[i]);
    }
    out += "\r\n";
    return out;
}

} // namespace bmc
