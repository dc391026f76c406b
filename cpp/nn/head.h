// Output heads: the last layer's nonlinearity, its loss and the loss gradient
// with respect to the logits, computed together (from the logits, stably).
//
//   sigmoid  p = σ(z),  L = −y log p − (1−y) log(1−p)
//            = max(z, 0) − z y + log1p(e^−|z|),   dL/dz = σ(z) − y;  labels 0/1
//   softmax  p = softmax(z), L = −log p_y = m + log Σ e^(z_c − m) − z_y (m = max z),
//            dL/dz_c = p_c − [c = y];  labels 0..k−1
//   linear   L = ½ (z − y)²,  dL/dz = z − y
//   tanh     t = tanh z, L = ½ (t − y)², dL/dz = (t − y)(1 − t²);  labels −1/+1
// Accuracy: sigmoid predicts 1 when z ≥ 0; softmax the first largest logit;
// tanh the sign (t ≥ 0 → +1); linear has none.
#pragma once

#include "nn/config.h"

namespace alab::nn {

struct HeadSums {
  double loss = 0.0;   // Σ of per-sample losses, in sample order
  long correct = 0;    // samples predicted right (classification heads)
};

// logits (k, ld) for n samples, labels (n); rows are read in whole vectors
// (round4(n) columns, as dense.h). When dlogits (k, ld) is not null it
// receives scale · dL/dz in columns [0, n); other columns are not written.
HeadSums head_loss(OutputHead head, const float* logits, int k, int n, int ld, const float* labels,
                   float* dlogits, float scale);

// Head outputs (probabilities / values) for n samples, written row-major (n, k).
void head_outputs(OutputHead head, const float* logits, int k, int n, int ld, float* out);

}  // namespace alab::nn
