// Exporting: the people's records of the JSON document and JSON Lines (on one thread, or split
// between threads on a shared snapshot), and the JSON Lines, CSV, vCard and iCalendar formats.
#include "bmc/csv.hpp"
#include "bmc/dates.hpp"
#include "bmc/ical.hpp"
#include "bmc/import_formats.hpp"
#include "bmc/service.hpp"
#include "bmc/text.hpp"
#include "bmc/vcard.hpp"
#include "service_detail.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <ostream>
#include <thread>
#include <utility>

namespace bmc {

namespace {

using DatesByContact = std::map<std::int64_t, std::vector<ImportantDate>>;

std::optional<YearlyDate> birthday_in(const DatesByContact& dates, std::int64_t contact_id) {
    const auto it = dates.find(contact_id);
    if (it != dates.end()) {
        for (const auto& d : it->second) {
            if (is_birthday_label(d.label)) {
                return d.date;
            }
        }
    }
    return std::nullopt;
}

// A yearly all-day event for an important date. The first occurrence is the date itself when
// the year is known, else its day in 2000 (a leap year, so that 29 February exists); a stable
// start keeps the event identical from one export to the next.
CalendarEvent yearly_event(const Contact& c, const ImportantDate& d, bool alarm) {
    CalendarEvent e;
    const bool birthday = is_birthday_label(d.label);
    // The same label always gives the same UID, so a re-import updates the event.
    e.uid = c.uuid +
            (birthday ? std::string("-birthday")
                      : "-date-" + uuid_for_uid(fold_case(d.label)).substr(0, 8)) +
            "@bmc";
    e.date = occurrence_in(d.date, date::year{d.date.year.value_or(2000)});
    e.summary = c.name + " \u2014 " + (birthday ? std::string(birthday_label) : d.label);
    if (d.date.year) {
        e.description = (birthday ? "Born " : "Since ") + format_yearly_date(d.date);
    }
    e.yearly = true;
    e.alarm = alarm;
    return e;
}

} // namespace

namespace detail {

namespace {

// Records are handed on in pieces of about this size.
constexpr std::size_t piece_bytes = std::size_t{1} << 20;

// How many pieces a worker may have written ahead of the writing thread (per worker).
constexpr std::size_t pieces_ahead = 4;

std::string empty_piece() {
    std::string piece;
    piece.reserve(piece_bytes + piece_bytes / 4);
    return piece;
}

// Turns the repository's walk over the contacts into export records in a buffer, handed on
// (flush()) whenever it holds a piece: a person with a very long history does not grow it.
class RecordWriter : public Repository::ContactVisitor {
public:
    void contact(const Contact& c) override {
        m_buffer += m_first ? m_before_first : m_before_next;
        m_first = false;
        append_export_record_head(m_buffer, c);
        m_interactions = 0;
    }

    void interaction(const InteractionRow& row) override {
        append_export_interaction(m_buffer, row, m_interactions == 0);
        ++m_interactions;
        if (m_buffer.size() >= piece_bytes) {
            flush();
        }
    }

    void end_contact(const Contact& c, const std::vector<FollowUp>& followups) override {
        const auto extra = m_connections.contacts.find(c.id);
        append_export_record_tail(m_buffer, followups,
                                  extra == m_connections.contacts.end() ? ExportConnections{}
                                                                        : extra->second);
        m_buffer += m_after_each;
        if (m_buffer.size() >= piece_bytes) {
            flush();
        }
    }

    // Hands on what the buffer holds and leaves it empty.
    virtual void flush() = 0;

protected:
    RecordWriter(const ExportConnectionData& connections, std::string_view before_first,
                 std::string_view before_next, std::string_view after_each)
        : m_connections(connections), m_before_first(before_first), m_before_next(before_next),
          m_after_each(after_each), m_buffer(empty_piece()) {}

    std::string& buffer() { return m_buffer; }

private:
    const ExportConnectionData& m_connections;
    std::string_view m_before_first;
    std::string_view m_before_next;
    std::string_view m_after_each;
    std::string m_buffer;
    bool m_first = true;
    std::size_t m_interactions = 0;
};

// The records written straight to the stream, on the calling thread.
class StreamRecords final : public RecordWriter {
public:
    StreamRecords(const ExportConnectionData& connections, std::ostream& out,
                  std::string_view before_first, std::string_view before_next,
                  std::string_view after_each)
        : RecordWriter(connections, before_first, before_next, after_each), m_out(out) {}

    void flush() override {
        m_out.write(buffer().data(), static_cast<std::streamsize>(buffer().size()));
        buffer().clear();
    }

private:
    std::ostream& m_out;
};

// A part of one worker's records; the last piece of each chunk (possibly empty) says so.
struct Piece {
    std::string bytes;
    bool ends_chunk = false;
};

// Thrown inside a worker's walk when the export stopped (an error elsewhere), to leave it.
struct Stopped {};

// The pieces between the workers and the writing thread: one queue per worker, of at most
// `pieces_ahead` pieces, and the buffers the writer gave back, for the worker to fill again
// (fresh memory would cost a page fault every 4 KiB). One mutex for all of it: it is taken a
// few times per mebibyte written, far too rarely to be contended.
class Pipeline {
public:
    explicit Pipeline(std::size_t workers) : m_lanes(workers) {}

    // Worker `lane`: an empty buffer to fill.
    std::string take_buffer(std::size_t lane) {
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            auto& spare = m_lanes[lane].spare;
            if (!spare.empty()) {
                std::string buffer = std::move(spare.back());
                spare.pop_back();
                return buffer;
            }
        }
        return empty_piece();
    }

    // Worker `lane`: queues a piece, waiting while its queue is full. Throws Stopped once the
    // export stopped.
    void push(std::size_t lane, Piece piece) {
        std::unique_lock<std::mutex> lock(m_mutex);
        auto& pieces = m_lanes[lane].pieces;
        m_changed.wait(lock, [&] { return m_stopped || pieces.size() < pieces_ahead; });
        if (m_stopped) {
            throw Stopped{};
        }
        pieces.push_back(std::move(piece));
        m_changed.notify_all();
    }

    // The writer: the next piece of worker `lane`, waiting for it; nullopt once stopped.
    std::optional<Piece> pop(std::size_t lane) {
        std::unique_lock<std::mutex> lock(m_mutex);
        auto& pieces = m_lanes[lane].pieces;
        m_changed.wait(lock, [&] { return m_stopped || !pieces.empty(); });
        if (m_stopped) {
            return std::nullopt;
        }
        Piece piece = std::move(pieces.front());
        pieces.pop_front();
        m_changed.notify_all();
        return piece;
    }

    // The writer: a buffer written out, for worker `lane` to fill again.
    void give_back(std::size_t lane, std::string buffer) {
        buffer.clear();
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_lanes[lane].spare.push_back(std::move(buffer));
    }

    // Ends every wait, now and later; keeps the first `error` for the writing thread.
    void stop(std::exception_ptr error = nullptr) {
        const std::lock_guard<std::mutex> lock(m_mutex);
        if (error && !m_error) {
            m_error = std::move(error);
        }
        m_stopped = true;
        m_changed.notify_all();
    }

    std::exception_ptr error() {
        const std::lock_guard<std::mutex> lock(m_mutex);
        return m_error;
    }

private:
    struct Lane {
        std::deque<Piece> pieces;
        std::vector<std::string> spare;
    };
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<Lane> m_lanes;
    bool m_stopped = false;
    std::exception_ptr m_error;
};

// One worker's records, queued piece by piece. Every record starts with `before_next`: which
// record comes first in the whole export is for the writing thread to see.
class PieceRecords final : public RecordWriter {
public:
    PieceRecords(const ExportConnectionData& connections, Pipeline& pipeline, std::size_t lane,
                 std::string_view before_next, std::string_view after_each)
        : RecordWriter(connections, before_next, before_next, after_each), m_pipeline(pipeline),
          m_lane(lane) {}

    void flush() override { hand_on(false); }
    void end_chunk() { hand_on(true); }

private:
    void hand_on(bool ends_chunk) {
        std::string full = m_pipeline.take_buffer(m_lane);
        full.swap(buffer());
        m_pipeline.push(m_lane, Piece{std::move(full), ends_chunk});
    }

    Pipeline& m_pipeline;
    std::size_t m_lane;
};

// The contact ids split into chunks of `size` ids from `ids.first` (`count` of them; the last
// one ends at `ids.last`). In unsigned offsets from the first id, which cannot overflow.
struct Chunks {
    ContactIdRange ids;
    std::uint64_t size = 1;
    std::uint64_t count = 0;

    Chunks(ContactIdRange all, std::uint64_t chunk_ids, std::int64_t people) : ids(all) {
        const std::uint64_t span =
            static_cast<std::uint64_t>(ids.last) - static_cast<std::uint64_t>(ids.first);
        // Sparse ids make larger chunks: never more chunks than `people` fill.
        const std::uint64_t wanted = static_cast<std::uint64_t>(people) / chunk_ids + 1;
        size = std::max(chunk_ids, span / wanted + 1);
        count = span / size + 1;
    }

    ContactIdRange operator[](std::uint64_t k) const {
        const std::uint64_t span =
            static_cast<std::uint64_t>(ids.last) - static_cast<std::uint64_t>(ids.first);
        const std::uint64_t from = k * size;
        const std::uint64_t to = span - from < size ? span : from + (size - 1);
        const auto base = static_cast<std::uint64_t>(ids.first);
        return {static_cast<std::int64_t>(base + from), static_cast<std::int64_t>(base + to)};
    }
};

// Worker `lane` of `lanes`: walks chunks lane, lane + lanes… through its own connection. An
// error stops the whole export and is kept for the writing thread.
void walk_chunks(Repository& reader, Pipeline& pipeline, std::size_t lane, std::size_t lanes,
                 const Chunks& chunks, const ExportConnectionData& connections,
                 std::string_view before_next, std::string_view after_each) noexcept {
    try {
        PieceRecords records(connections, pipeline, lane, before_next, after_each);
        for (std::uint64_t k = lane; k < chunks.count; k += lanes) {
            reader.for_each_contact_row(records, chunks[k]);
            records.end_chunk();
        }
    } catch (const Stopped&) { // NOLINT(bugprone-empty-catch): another thread's error ends it
    } catch (...) {
        pipeline.stop(std::current_exception());
    }
}

// The writing thread: each chunk's pieces in chunk order, from the worker that walks it. The
// first record of the export gets `before_first` instead of the `before_next` its worker wrote.
// Returns early when a worker failed or the stream did (a full disk: its state tells the caller).
void write_chunks(Pipeline& pipeline, std::size_t lanes, std::uint64_t chunks, std::ostream& out,
                  std::string_view before_first, std::string_view before_next) {
    bool first = true;
    for (std::uint64_t k = 0; k < chunks; ++k) {
        const auto lane = static_cast<std::size_t>(k % lanes);
        for (bool ends_chunk = false; !ends_chunk;) {
            std::optional<Piece> piece = pipeline.pop(lane);
            if (!piece) {
                return;
            }
            std::string_view bytes = piece->bytes;
            if (first && !bytes.empty()) {
                out.write(before_first.data(), static_cast<std::streamsize>(before_first.size()));
                bytes.remove_prefix(before_next.size());
                first = false;
            }
            out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
            ends_chunk = piece->ends_chunk;
            pipeline.give_back(lane, std::move(piece->bytes));
        }
        if (!out) {
            return;
        }
    }
}

// The worker threads of one export. Destruction stops the pipeline (so that no worker stays
// blocked on a full queue) and joins every thread started, however the export ends.
class Workers {
public:
    explicit Workers(Pipeline& pipeline) : m_pipeline(pipeline) {}
    ~Workers() {
        m_pipeline.stop();
        for (auto& t : m_threads) {
            t.join();
        }
    }
    Workers(const Workers&) = delete;
    Workers& operator=(const Workers&) = delete;

    template <class F>
    void start(F&& work) {
        m_threads.emplace_back(std::forward<F>(work));
    }

private:
    Pipeline& m_pipeline;
    std::vector<std::thread> m_threads;
};

void write_export_records_parallel(const std::vector<std::unique_ptr<Repository>>& readers,
                                   const Chunks& chunks, const ExportConnectionData& connections,
                                   std::ostream& out, std::string_view before_first,
                                   std::string_view before_next, std::string_view after_each) {
    const std::size_t lanes = readers.size();
    Pipeline pipeline(lanes);
    {
        Workers workers(pipeline);
        for (std::size_t lane = 0; lane < lanes; ++lane) {
            workers.start([&, lane] {
                walk_chunks(*readers[lane], pipeline, lane, lanes, chunks, connections, before_next,
                            after_each);
            });
        }
        write_chunks(pipeline, lanes, chunks.count, out, before_first, before_next);
    }
    if (const std::exception_ptr error = pipeline.error()) {
        std::rethrow_exception(error);
    }
}

// How many more connections an export should open: none when it will not walk in parallel.
std::size_t readers_wanted(Repository& repo, const ExportThreads& threads) {
    const std::size_t workers = worker_count(threads);
    if (workers < 2) {
        return 0;
    }
    // The largest id bounds the number of people, and costs no scan: small files stop here.
    if (threads.min_contacts > 0 &&
        repo.contact_id_bound() < static_cast<std::size_t>(threads.min_contacts)) {
        return 0;
    }
    return workers;
}

} // namespace

std::size_t worker_count(const ExportThreads& threads) {
    if (threads.workers != 0) {
        return threads.workers;
    }
    return std::thread::hardware_concurrency() >= 2 ? 2 : 1;
}

void write_export_records(Repository& repo, const ExportConnectionData& connections,
                          std::ostream& out, std::string_view before_first,
                          std::string_view before_next, std::string_view after_each) {
    StreamRecords writer(connections, out, before_first, before_next, after_each);
    repo.for_each_contact_row(writer);
    writer.flush();
}

ExportWalk::ExportWalk(Repository& repo, const ExportThreads& threads)
    : m_repo(repo), m_threads(threads), m_snapshot(repo, readers_wanted(repo, threads)) {}

std::size_t ExportWalk::write(const ExportConnectionData& connections, std::ostream& out,
                              std::string_view before_first, std::string_view before_next,
                              std::string_view after_each) {
    const auto& readers = m_snapshot.readers();
    if (readers.size() >= 2) {
        const std::optional<ContactIdRange> ids = m_repo.contact_ids();
        const std::int64_t people = m_repo.count_contacts();
        if (ids && people >= m_threads.min_contacts) {
            const Chunks chunks(*ids, std::max<std::uint64_t>(m_threads.chunk_ids, 1), people);
            m_repo.release_cache();
            write_export_records_parallel(readers, chunks, connections, out, before_first,
                                          before_next, after_each);
            return readers.size();
        }
    }
    write_export_records(m_repo, connections, out, before_first, before_next, after_each);
    return 1;
}

} // namespace detail

void Service::reserve_export_cache() {
    const std::size_t workers = detail::worker_count(ExportThreads{});
    if (workers >= 2) {
        Repository::reserve_cache_for_readers(workers);
    }
}

void Service::export_jsonl(std::ostream& out) {
    detail::ExportWalk walk(m_repo, m_export_threads);
    const detail::ExportConnectionData connections = detail::load_export_connections(m_repo);
    m_last_export_walkers = walk.write(connections, out, "", "", "\n");
}

void Service::export_csv(std::ostream& out) {
    Repository::Snapshot snapshot(m_repo);
    const DatesByContact dates = m_repo.all_dates();
    out << csv_row(bmc_csv_columns());
    m_repo.for_each_contact(
        [&](const Contact& c, const std::vector<Interaction>&, const std::vector<FollowUp>&) {
            out << csv_row(bmc_csv_fields(c, birthday_in(dates, c.id)));
        });
}

void Service::export_vcards(
    int version, const std::function<void(const std::string&, const std::string&)>& sink) {
    const std::string rev = compact_utc(m_clock.now_utc());
    Repository::Snapshot snapshot(m_repo);
    const DatesByContact dates = m_repo.all_dates();
    m_repo.for_each_contact(
        [&](const Contact& c, const std::vector<Interaction>&, const std::vector<FollowUp>&) {
            sink(c.uuid, write_vcard(contact_to_vcard(c, birthday_in(dates, c.id), rev), version));
        });
}

std::string Service::export_ics(std::optional<Interval> within, bool alarm) {
    std::optional<Date> until;
    if (within) {
        until = add_interval(m_today, *within);
    }
    std::vector<CalendarEvent> events;
    std::vector<CalendarEvent> yearly;
    Repository::Snapshot snapshot(m_repo);
    const DatesByContact dates = m_repo.all_dates();
    m_repo.for_each_contact([&](const Contact& c, const std::vector<Interaction>& interactions,
                                const std::vector<FollowUp>& followups) {
        if (c.archived) {
            return;
        }
        if (const auto it = dates.find(c.id); it != dates.end()) {
            for (const auto& d : it->second) {
                yearly.push_back(yearly_event(c, d, alarm));
            }
        }
        if (!c.next_due) {
            return;
        }
        if (until && detail::is_after(*c.next_due, *until)) {
            return;
        }
        CalendarEvent e;
        e.uid = c.uuid + "@bmc";
        e.date = detail::is_after(m_today, *c.next_due) ? m_today : *c.next_due;
        e.summary = "Reconnect with " + c.name;
        e.alarm = alarm;
        // Interactions come oldest first: the last one with a note is the latest note.
        for (auto it = interactions.rbegin(); it != interactions.rend(); ++it) {
            if (it->note) {
                e.description = "Last note (" + format_date(it->date) + "): " + *it->note;
                break;
            }
        }
        for (const auto& f : followups) {
            if (!f.done_on) {
                if (!e.description.empty()) {
                    e.description += "\n";
                }
                e.description += "Follow-up: " + f.text;
                if (f.by) {
                    e.description += " (by " + format_date(*f.by) + ")";
                }
            }
        }
        events.push_back(std::move(e));
    });
    std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
        return date::sys_days{a.date} < date::sys_days{b.date};
    });
    // Reconnect events by date, then the yearly dates (people by id, their dates in order).
    events.insert(events.end(), std::make_move_iterator(yearly.begin()),
                  std::make_move_iterator(yearly.end()));
    return write_calendar(events, m_clock.now_utc());
}

} // namespace bmc
