#include "bmc/ical.hpp"

#include "bmc/content_line.hpp"
#include "bmc/dates.hpp"

namespace bmc {

namespace {

std::string ical_date(Date d) {
    std::string s = format_date(d);
    std::erase(s, '-');
    return s;
}

} // namespace

std::string compact_utc(const std::string& iso) {
    std::string out;
    for (const char c : iso.substr(0, 19)) {
        if (c != '-' && c != ':') {
            out += c;
        }
    }
    return out + "Z";
}

std::string write_calendar(const std::vector<CalendarEvent>& events, const std::string& now_utc) {
    std::string out;
    const auto put = [&](std::string_view line) { out += fold_content_line(line); };
    const std::string stamp = compact_utc(now_utc);
    put("BEGIN:VCALENDAR");
    put("VERSION:2.0");
    put("PRODID:-//bmc//Build Meaningful Connections//EN");
    put("CALSCALE:GREGORIAN");
    put("X-WR-CALNAME:bmc reconnects");
    for (const auto& e : events) {
        put("BEGIN:VEVENT");
        put("UID:" + escape_text_value(e.uid));
        put("DTSTAMP:" + stamp);
        put("DTSTART;VALUE=DATE:" + ical_date(e.date));
        put("DTEND;VALUE=DATE:" + ical_date(add_days(e.date, 1)));
        if (e.yearly) {
            // A plain yearly rule skips the years without 29 February (RFC 5545 3.3.10); the
            // last day of February is 29 February in leap years and 28 February otherwise.
            const bool leap_day = e.date.month() == date::February && e.date.day() == date::day{29};
            put(leap_day ? "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1" : "RRULE:FREQ=YEARLY");
        }
        put("SUMMARY:" + escape_text_value(e.summary));
        if (!e.description.empty()) {
            put("DESCRIPTION:" + escape_text_value(e.description));
        }
        put("TRANSP:TRANSPARENT");
        if (e.alarm) {
            put("BEGIN:VALARM");
            put("ACTION:DISPLAY");
            put("DESCRIPTION:" + escape_text_value(e.summary));
            put("TRIGGER;RELATED=START:PT9H"); // 09:00 on the day of an all-day event
            put("END:VALARM");
        }
        put("END:VEVENT");
    }
    put("END:VCALENDAR");
    return out;
}

} // namespace bmc
