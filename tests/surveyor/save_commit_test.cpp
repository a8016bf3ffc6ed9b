// A save of the household form is one durable commit: the edit and the review status it
// leads to are written together, so a crash cannot keep one without the other.
#include <cstdint>
#include <fstream>
#include <vector>

#include "surveyor_fixture.hpp"

using namespace surveyor_test;

namespace {

std::uint32_t big_endian(const std::vector<unsigned char>& bytes, std::size_t at) {
    return std::uint32_t{bytes[at]} << 24 | std::uint32_t{bytes[at + 1]} << 16 |
           std::uint32_t{bytes[at + 2]} << 8 | std::uint32_t{bytes[at + 3]};
}

// Transactions committed in the store's write-ahead log since it was last reset: frames
// whose header carries the database size (a commit) and the log's current salts.
int commits_in_wal(const std::filesystem::path& store) {
    std::ifstream in(store.string() + "-wal", std::ios::binary);
    const std::vector<unsigned char> wal((std::istreambuf_iterator<char>(in)), {});
    constexpr std::size_t kHeader = 32;
    constexpr std::size_t kFrameHeader = 24;
    if (wal.size() < kHeader) return 0;
    const std::size_t page_size = big_endian(wal, 8);
    const std::uint32_t salt1 = big_endian(wal, 16);
    const std::uint32_t salt2 = big_endian(wal, 20);
    int commits = 0;
    for (std::size_t at = kHeader; at + kFrameHeader + page_size <= wal.size();
         at += kFrameHeader + page_size) {
        const bool current = big_endian(wal, at + 8) == salt1 && big_endian(wal, at + 12) == salt2;
        if (current && big_endian(wal, at + 4) != 0) ++commits;
    }
    return commits;
}

}  // namespace

TEST_CASE("saving a completed household is one durable commit, status included") {
    c5::test::TempDir dir;
    const auto path = dir / "laptop.c5store";
    Session session = new_session(path);

    SaveRequest request;
    request.form = "household";
    request.unit_code = kWard;
    request.values = interview("01", "01-0001", "Nguyễn Văn An");
    request.complete = true;

    const int before = commits_in_wal(path);
    auto saved = save_record(session, request);
    REQUIRE_MESSAGE(saved, (saved ? "" : saved.error().message));
    CHECK(saved->status == ReviewStatus::Completed);
    CHECK(commits_in_wal(path) == before + 1);

    // An edit that reopens it to draft: again one commit for the edit and the status.
    request.record_id = saved->record_id;
    request.complete = false;
    request.values["head_name"] = std::string("Nguyễn Văn Anh");
    const int before_edit = commits_in_wal(path);
    auto edited = save_record(session, request);
    REQUIRE_MESSAGE(edited, (edited ? "" : edited.error().message));
    CHECK(edited->status == ReviewStatus::Draft);
    CHECK(commits_in_wal(path) == before_edit + 1);
}
