// libFuzzer target: config validation — alab::create_network (parse_config),
// parse_activation_params (via run_activation), make_dataset options and
// born_dead options. Input format: see entry_points.h. Build and run:
// node scripts/fuzz.mjs.
#include "fuzz/entry_points.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  alab::fuzz::run_config(data, size);
  return 0;
}
