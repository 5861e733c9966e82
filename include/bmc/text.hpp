// Small text utilities shared by every layer: UTF-8 checks, case folding for name lookups,
// terminal-safe rendering and edit distance for "did you mean" suggestions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bmc {

// Limits on stored text, in bytes. Longer values are refused with a clear message.
inline constexpr std::size_t max_name_bytes = 200;
inline constexpr std::size_t max_field_bytes = 1000;
inline constexpr std::size_t max_note_bytes = 65536;

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Removes leading and trailing ASCII white space.
std::string_view trim(std::string_view s);

// Lower-cases ASCII letters and the Latin-1/Latin Extended-A capitals most names use; other
// characters are kept. Used for case-insensitive name matching.
std::string fold_case(std::string_view s);

// Makes text safe for a terminal: control characters (C0, DEL, C1) become visible escapes such
// as "\x1b"; with `single_line`, newlines and tabs become spaces. Invalid UTF-8 bytes become
// U+FFFD.
std::string terminal_safe(std::string_view s, bool single_line = true);

// Terminal columns `s` takes: East Asian wide characters and emoji count two, combining marks
// and zero-width characters none, everything else (and each invalid byte) one.
std::size_t display_width(std::string_view s);

// Pads `s` with spaces to `width` display columns (never truncates).
std::string pad_right(std::string_view s, std::size_t width);

// Shortens `s` to at most `width` display columns, ending in "…" when cut.
std::string truncate(std::string_view s, std::size_t width);

// Text quoted for an error message: 'like this', terminal-safe and cut after 60 columns.
std::string quote(std::string_view s);

// Levenshtein distance over bytes of the case-folded strings.
std::size_t edit_distance(std::string_view a, std::string_view b);

// `s` as a whole number from `min` to `max`: ASCII digits only (no sign, space or fraction);
// nullopt otherwise.
std::optional<std::int64_t> parse_whole_number(std::string_view s, std::int64_t min,
                                               std::int64_t max);

} // namespace bmc
