#include "bmc/content_line.hpp"

namespace bmc {

std::string escape_text_value(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case ',':
            out += "\\,";
            break;
        case ';':
            out += "\\;";
            break;
        case '\r':
            if (i + 1 < value.size() && value[i + 1] == '\n') {
                ++i;
            }
            out += "\\n";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
                break; // a tab or another control character: never part of a content line
            }
            out += c;
        }
    }
    return out;
}

std::string unescape_text_value(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (c == '\\' && i + 1 < value.size()) {
            const char next = value[++i];
            out += (next == 'n' || next == 'N') ? '\n' : next;
        } else {
            out += c;
        }
    }
    return out;
}

std::vector<std::string> split_escaped(std::string_view value, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= value.size(); ++i) {
        if (i == value.size() || value[i] == separator) {
            parts.push_back(unescape_text_value(value.substr(start, i - start)));
            start = i + 1;
        } else if (value[i] == '\\') {
            ++i;
        }
    }
    return parts;
}

std::string fold_content_line(std::string_view line) {
    std::string out;
    out.reserve(line.size() + line.size() / 70 * 3 + 2);
    std::size_t limit = 75; // the first line has 75 octets, continuations a space and 74
    std::size_t used = 0;
    std::size_t i = 0;
    while (i < line.size()) {
        const auto lead = static_cast<unsigned char>(line[i]);
        std::size_t len = lead < 0x80    ? 1
                          : lead >= 0xF0 ? 4
                          : lead >= 0xE0 ? 3
                          : lead >= 0xC0 ? 2
                                         : 1;
        len = std::min(len, line.size() - i);
        if (used + len > limit) {
            out += "\r\n ";
            used = 1;
        }
        out.append(line.substr(i, len));
        used += len;
        i += len;
    }
    out += "\r\n";
    return out;
}

std::vector<ContentLine> unfold_lines(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);
    }
    std::vector<ContentLine> lines;
    std::size_t number = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        std::string_view physical = text.substr(pos, end - pos);
        if (!physical.empty() && physical.back() == '\r') {
            physical.remove_suffix(1);
        }
        ++number;
        pos = end + 1;
        if (!physical.empty() && (physical.front() == ' ' || physical.front() == '\t') &&
            !lines.empty()) {
            lines.back().text.append(physical.substr(1));
        } else if (!physical.empty()) {
            lines.push_back({number, std::string(physical)});
        }
    }
    return lines;
}

} // namespace bmc
