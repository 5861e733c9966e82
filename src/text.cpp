#include "bmc/text.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <vector>

namespace bmc {

namespace {

// Decodes one code point at s[i]; returns its length, or 0 when the bytes are not valid UTF-8.
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    std::size_t len = 0;
    char32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        cp = b0 & 0x1F;
        min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        cp = b0 & 0x0F;
        min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        cp = b0 & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > s.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return 0;
    }
    return len;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

char32_t fold(char32_t cp) {
    if (cp >= 'A' && cp <= 'Z') {
        return cp + 32;
    }
    // Latin-1 capitals (except the multiplication sign).
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) {
        return cp + 32;
    }
    // Latin Extended-A alternates capital/small in pairs, except Y with diaeresis, whose small
    // form is in Latin-1.
    if (cp == 0x178) {
        return 0xFF;
    }
    if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x131 && cp != 0x138 && cp != 0x149 &&
        cp != 0x17F) {
        const bool odd_block = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
        const bool capital = odd_block ? (cp % 2 == 1) : (cp % 2 == 0);
        return capital ? cp + 1 : cp;
    }
    // Greek and Cyrillic basic capitals.
    if ((cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) || (cp >= 0x410 && cp <= 0x42F)) {
        return cp + 32;
    }
    if (cp >= 0x400 && cp <= 0x40F) {
        return cp + 80;
    }
    return cp;
}

} // namespace

bool is_valid_utf8(std::string_view s) {
    char32_t cp = 0;
    for (std::size_t i = 0; i < s.size();) {
        // ASCII, eight bytes at a time: most text is, and this check runs on every string an
        // export writes.
        while (i + 8 <= s.size()) {
            std::uint64_t word = 0;
            std::memcpy(&word, s.data() + i, 8);
            if ((word & 0x8080808080808080ULL) != 0) {
                break;
            }
            i += 8;
        }
        if (i >= s.size()) {
            break;
        }
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        const std::size_t len = decode(s, i, cp);
        if (len == 0) {
            return false;
        }
        i += len;
    }
    return true;
}

std::string_view trim(std::string_view s) {
    constexpr std::string_view ws = " \t\r\n\f\v";
    const auto first = s.find_first_not_of(ws);
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = s.find_last_not_of(ws);
    return s.substr(first, last - first + 1);
}

std::string fold_case(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    char32_t cp = 0;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t len = decode(s, i, cp);
        if (len == 0) {
            out += s[i];
            ++i;
            continue;
        }
        append_utf8(out, fold(cp));
        i += len;
    }
    return out;
}

std::string terminal_safe(std::string_view s, bool single_line) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(s.size());
    char32_t cp = 0;
    for (std::size_t i = 0; i < s.size();) {
        // Printable ASCII passes through unchanged; copy it a run at a time (most text is).
        std::size_t run = i;
        while (run < s.size() && s[run] >= 0x20 && s[run] < 0x7F) {
            ++run;
        }
        if (run > i) {
            out.append(s.substr(i, run - i));
            i = run;
            continue;
        }
        const std::size_t len = decode(s, i, cp);
        if (len == 0) {
            append_utf8(out, 0xFFFD);
            ++i;
            continue;
        }
        if (single_line && (cp == '\n' || cp == '\t' || cp == '\r')) {
            out += ' ';
        } else if (!single_line && (cp == '\n' || cp == '\t')) {
            out += static_cast<char>(cp);
        } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
            out += "\\x";
            out += hex[(cp >> 4) & 0xF];
            out += hex[cp & 0xF];
        } else {
            out.append(s.substr(i, len)); // valid UTF-8: its bytes are the code point's encoding
        }
        i += len;
    }
    return out;
}

namespace {

struct Range {
    char32_t first;
    char32_t last;
};

bool in(const Range* begin, const Range* end, char32_t cp) {
    const Range* r = std::upper_bound(
        begin, end, cp, [](char32_t c, const Range& range) { return c < range.first; });
    return r != begin && cp <= (r - 1)->last;
}

// Characters a terminal draws in no column of their own: combining marks, zero-width
// characters and variation selectors (the common blocks of Unicode's Mn/Me/Cf categories).
constexpr Range zero_width[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD},   {0x0610, 0x061A}, {0x064B, 0x065F},
    {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E},   {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF},
    {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x2064},   {0x20D0, 0x20FF}, {0xFE00, 0xFE0F},
    {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
};

// East Asian Wide and Fullwidth characters and emoji, which take two columns.
constexpr Range double_width[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF},   {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},
    {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},
    {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F900, 0x1F9FF}, {0x1FA70, 0x1FAFF},
    {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

// Columns a code point takes in a terminal: 0, 1 or 2.
std::size_t columns(char32_t cp) {
    if (cp < 0x300) {
        return 1;
    }
    if (in(std::begin(zero_width), std::end(zero_width), cp)) {
        return 0;
    }
    return in(std::begin(double_width), std::end(double_width), cp) ? 2 : 1;
}

// Columns of the character at s[i], and its length in bytes (1 for a byte that is not UTF-8).
std::size_t columns_at(std::string_view s, std::size_t i, std::size_t& len) {
    char32_t cp = 0;
    len = decode(s, i, cp);
    if (len == 0) {
        len = 1;
        return 1;
    }
    return columns(cp);
}

} // namespace

std::size_t display_width(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0, len = 0; i < s.size(); i += len) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++n;
            len = 1;
            continue;
        }
        n += columns_at(s, i, len);
    }
    return n;
}

std::string pad_right(std::string_view s, std::size_t width) {
    std::string out(s);
    const std::size_t w = display_width(s);
    if (w < width) {
        out.append(width - w, ' ');
    }
    return out;
}

std::string truncate(std::string_view s, std::size_t width) {
    if (width == 0) {
        return {};
    }
    // No character is wider than its UTF-8 bytes (two columns take three or four), so a string
    // of at most `width` bytes fits without measuring it.
    if (s.size() <= width) {
        return std::string(s);
    }
    // One pass: remember where the first character that does not fit in width - 1 columns (one
    // is kept for the ellipsis) starts, and stop as soon as the whole is wider than `width`.
    std::size_t cols = 0;
    std::size_t cut = std::string_view::npos;
    for (std::size_t i = 0, len = 0; i < s.size(); i += len) {
        std::size_t w = 1;
        len = 1;
        if (static_cast<unsigned char>(s[i]) >= 0x80) {
            w = columns_at(s, i, len);
        }
        if (cut == std::string_view::npos && cols + w > width - 1) {
            cut = i;
        }
        cols += w;
        if (cols > width) {
            return std::string(s.substr(0, cut)) + "…";
        }
    }
    return std::string(s);
}

std::string quote(std::string_view s) {
    return "'" + truncate(terminal_safe(s), 60) + "'";
}

std::size_t edit_distance(std::string_view a_in, std::string_view b_in) {
    const std::string a = fold_case(a_in);
    const std::string b = fold_case(b_in);
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

std::optional<std::int64_t> parse_whole_number(std::string_view s, std::int64_t min,
                                               std::int64_t max) {
    if (s.empty() || s.front() < '0' || s.front() > '9') {
        return std::nullopt;
    }
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || end != s.data() + s.size() || n < min || n > max) {
        return std::nullopt;
    }
    return n;
}

} // namespace bmc
