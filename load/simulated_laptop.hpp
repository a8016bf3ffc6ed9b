// One simulated field laptop of the load generator: a real enrolled device with its own
// encrypted store file, which writes new and edited household records and syncs them with the
// real client over HTTP, remembering which of its changes the server acknowledged.
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/store/store.hpp"
#include "core/sync/sync_client.hpp"
#include "net/http_transport.hpp"

namespace c5::load {

// A change as the server and every device name it: writer, record, field and stamp.
using ChangeKey = std::tuple<std::string, std::string, std::string, std::int64_t, std::uint32_t>;

ChangeKey key_of(const FieldChange& change);

// What one sync of one laptop did, for the figures.
struct SyncSample {
    double ms = 0;
    std::optional<sync::SyncErrorKind> error;  // none when the sync succeeded
    std::string message;                       // the client's words when it failed
};

class SimulatedLaptop {
public:
    // Enrols with the one-time `code` through the real client and creates the laptop's store
    // at `store_path`. Errors: the client's enrolment error as text.
    [[nodiscard]] static std::expected<SimulatedLaptop, std::string> enrol(
        int index, const std::string& ward, const std::filesystem::path& store_path,
        const std::string& url, const std::string& code);

    // A surveyor's round of work: a new household, and an edit of one of its earlier ones.
    // Errors: the store's message.
    [[nodiscard]] Result<void> work(std::mt19937& random);

    // One sync session, timed; the changes it got acknowledged are remembered.
    SyncSample sync_once();

    // Own changes ever written, and those the server acknowledged.
    const std::set<ChangeKey>& written() const { return written_; }
    const std::set<ChangeKey>& acknowledged() const { return acknowledged_; }

    std::size_t records_made() const { return own_records_.size(); }
    const std::string& ward() const { return ward_; }
    const std::string& device_id() const { return store_.device_id(); }
    Store& store() { return store_; }

private:
    SimulatedLaptop(int index, std::string ward, Store store, net::HttpTransport transport);
    std::set<ChangeKey> unsynced_keys() const;

    int index_ = 0;
    std::string ward_;
    Store store_;
    net::HttpTransport transport_;
    std::vector<RecordId> own_records_;
    std::set<ChangeKey> written_;
    std::set<ChangeKey> acknowledged_;
};

// Transport limits of the simulated laptops: generous, so that a slow answer under load is
// measured as latency rather than counted as a timeout.
net::HttpTransportOptions laptop_transport_options();

}  // namespace c5::load
