// Born-dead ReLU networks (Lu et al. 2019): a Monte Carlo estimate of the
// probability that a freshly initialised ReLU network with one input, `depth`
// hidden layers of `width` units and a linear output is a constant function,
// judged on 101 evenly spaced inputs x_i = (i − 50)/50 in [−1, 1].
//
// A trial counts as dead when some hidden layer's output is the same for all
// 101 inputs (every later value is then constant too) or when the output is.
//
// Closed forms (zero bias, any init symmetric about 0 — all but rai), derived
// from positive homogeneity: with b = 0, the network is x·u⁺ on x > 0 and
// |x|·u⁻ on x < 0, and a live side dies at a layer exactly when all `width`
// units get a negative coefficient, probability 2^−N given the layer before:
//   depth 1:   0 (the first layer keeps each side alive unless all N weights
//              share a sign, and then the other side is alive);
//   width 1:   1 − 2^−(depth−1) (one side survives layer 1; each later
//              layer kills it with probability 1/2);
//   depth 2:   2^−2N (3 − 2^(1−N)) (the two sides see disjoint second-layer
//              weights, so they die independently, each with 2^−N, after a
//              first layer that kills one side with probability 2·2^−N).
// The "a layer of width N kills it with probability 2^−N" is the
// per-side fact behind these.
#pragma once

#include <cstdint>

#include "nn/config.h"

namespace alab::nn {

struct BornDeadResult {
  double probability = 0;
  long dead = 0;
  long trials = 0;
};

// The options of lab.bornDead(options), with their defaults (validated by the
// field table in cpp/api/config_schema.cpp).
struct BornDeadOptions {
  int width = 4;
  int depth = 10;
  InitKind init = InitKind::he;
  float bias_init = 0.0f;
  long trials = 1000;
  uint32_t seed = 1;
};

// width in [1, 256], depth in [1, 64], trials in [1, 100000], bias_init finite in
// [-10, 10]; throws InvalidArgument otherwise. Deterministic in seed.
BornDeadResult born_dead(int width, int depth, InitKind init, float bias_init, long trials, uint32_t seed);

}  // namespace alab::nn
