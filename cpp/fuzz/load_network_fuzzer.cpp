// libFuzzer target: the network file reader alab::load_network (api/json/network_json.h, the
// text of lab.loadNetwork). Build and run: node scripts/fuzz.mjs.
#include "fuzz/entry_points.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  alab::fuzz::run_load_network(data, size);
  return 0;
}
