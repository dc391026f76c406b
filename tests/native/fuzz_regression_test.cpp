// Replays every kept fuzz input — the seed corpus (cpp/fuzz/corpus/<target>/)
// and the minimised crash inputs (cpp/fuzz/regressions/<target>/) — through
// the same entry points the libFuzzer targets call (cpp/fuzz/entry_points.h),
// so a crash once found stays a regression test in every ctest run, with or
// without sanitizers. A finding aborts the process (death of the test).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz/entry_points.h"

namespace {

namespace fs = std::filesystem;

// ALAB_FIXTURE_DIR is <repo>/tests/fixtures (set by CMakeLists.txt).
fs::path fuzz_dir() { return fs::path(ALAB_FIXTURE_DIR).parent_path().parent_path() / "cpp" / "fuzz"; }

std::vector<fs::path> inputs_of(const std::string& target) {
  std::vector<fs::path> files;
  for (const char* kind : {"corpus", "regressions"}) {
    const fs::path dir = fuzz_dir() / kind / target;
    if (!fs::is_directory(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir))
      if (entry.is_regular_file() && entry.path().filename().string()[0] != '.') files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void replay(const std::string& target, void (*entry)(const uint8_t*, std::size_t)) {
  const std::vector<fs::path> files = inputs_of(target);
  ASSERT_FALSE(files.empty()) << "no corpus for " << target << " under " << fuzz_dir();
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.string());
    const std::string bytes = read_bytes(file);
    entry(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  }
}

TEST(FuzzRegression, LoadNetworkCorpusAndCrashesReplayCleanly) {
  replay("load_network", &alab::fuzz::run_load_network);
}

TEST(FuzzRegression, ConfigCorpusAndCrashesReplayCleanly) {
  replay("config", &alab::fuzz::run_config);
}

// The seeds are meant to be valid inputs, so the replay reaches the deep
// paths (round trips, prediction), not only the first validation error.
TEST(FuzzRegression, LoadNetworkSeedsAreValidNetworks) {
  for (const fs::path& file : inputs_of("load_network")) {
    if (file.parent_path().filename() != "load_network" || file.parent_path().parent_path().filename() != "corpus") continue;
    SCOPED_TRACE(file.string());
    EXPECT_NO_THROW(alab::load_network(read_bytes(file)));
  }
}

}  // namespace
