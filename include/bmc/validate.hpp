// Rules for text a person may store: well-formed UTF-8, no NUL, bounded length; names and tags
// are trimmed and must not be empty. Violations throw DataError naming the field.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bmc {

// Returns the trimmed name, or throws: empty, longer than max_name_bytes, invalid UTF-8 or
// containing control characters.
std::string clean_name(std::string_view name);

// Returns the trimmed value, or throws when it is invalid UTF-8, holds a NUL or control
// characters other than newline and tab, or is longer than `max_bytes`. An empty result means
// "no value".
std::optional<std::string> clean_text(std::string_view field, std::string_view value,
                                      std::size_t max_bytes);

// Returns the tag folded to lower case and trimmed; throws when empty or not printable.
std::string clean_tag(std::string_view tag);

// Returns the trimmed email/phone; throws when empty or not printable.
std::string clean_handle(std::string_view field, std::string_view value);

} // namespace bmc
