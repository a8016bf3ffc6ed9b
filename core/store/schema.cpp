// Migrations compiled into the library: the .sql files are pulled in by the assembler, so
// the text that runs is the text reviewed in core/store/schema/.
#include "core/store/schema.hpp"

#include <string>

// .incbin reads the file at build time. A change to a .sql file alone does not rebuild this
// object; the schema test compares the compiled text with the files to catch that.
#define C5_EMBED_SQL(symbol, file)                            \
    asm(".pushsection .rodata\n"                              \
        ".global " #symbol "\n" #symbol                       \
        ":\n"                                                 \
        ".incbin \"" C5_SOURCE_DIR "/core/store/schema/" file \
        "\"\n"                                                \
        ".byte 0\n"                                           \
        ".popsection\n")

C5_EMBED_SQL(c5_store_schema_001, "001_initial.sql");
extern "C" const char c5_store_schema_001[];
C5_EMBED_SQL(c5_store_schema_002, "002_record_snapshots.sql");
extern "C" const char c5_store_schema_002[];

namespace c5 {
namespace {

const Migration kMigrations[] = {
    {1, "001_initial.sql", c5_store_schema_001},
    {2, "002_record_snapshots.sql", c5_store_schema_002},
};

}  // namespace

std::span<const Migration> store_migrations() {
    return kMigrations;
}

int current_schema_version() {
    return kMigrations[std::size(kMigrations) - 1].version;
}

namespace sql {

Result<void> migrate(Db& db) {
    auto version = db.query_int("PRAGMA user_version");
    if (!version) return std::unexpected(version.error().with_context("read schema version"));
    if (*version > current_schema_version()) {
        return fail(ErrorKind::Unsupported, "store has schema version " + std::to_string(*version) +
                                                ", this build knows up to " +
                                                std::to_string(current_schema_version()));
    }
    for (const Migration& m : kMigrations) {
        if (m.version <= *version) continue;
        auto tx = Transaction::begin(db);
        if (!tx) return std::unexpected(tx.error());
        std::string sql(m.sql);
        sql += "\nPRAGMA user_version = " + std::to_string(m.version) + ";";
        if (auto ok = db.exec(sql); !ok) {
            return std::unexpected(ok.error().with_context("migration " + std::string(m.file)));
        }
        if (auto ok = tx->commit(); !ok) return ok;
    }
    return {};
}

}  // namespace sql
}  // namespace c5
