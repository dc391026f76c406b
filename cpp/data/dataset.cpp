// The dataset generators listed in dataset.h.
#include "data/dataset.h"

#include <algorithm>
#include <cmath>

#include "core/errors.h"
#include "core/rng.h"
#include "data/det_math.h"
#include "data/shapeset.h"

namespace alab::data {
namespace {

constexpr double kTwoPi = 6.283185307179586477;
constexpr uint64_t kPointStream = 11, kSplitStream = 12;

struct Points {
  std::vector<float> x, y;
  void add(double a, double b, double label) {
    x.push_back(static_cast<float>(a));
    x.push_back(static_cast<float>(b));
    y.push_back(static_cast<float>(label));
  }
};

double uniform(Rng& rng, double lo, double hi) { return lo + (hi - lo) * rng.uniform(); }

void circle(Points& p, int n, double noise, Rng& rng) {
  constexpr double radius = 5.0;
  for (int i = 0; i < n; ++i) {
    const bool inside = i < n / 2;
    const double r = inside ? uniform(rng, 0, radius * 0.5) : uniform(rng, radius * 0.7, radius);
    const double angle = uniform(rng, 0, kTwoPi);
    const double x = r * det_sin(angle), y = r * det_cos(angle);
    const double nx = uniform(rng, -radius, radius) * noise, ny = uniform(rng, -radius, radius) * noise;
    const double d = std::sqrt((x + nx) * (x + nx) + (y + ny) * (y + ny));
    p.add(x, y, d < radius * 0.5 ? 1 : 0);
  }
}

void xor_data(Points& p, int n, double noise, Rng& rng) {
  for (int i = 0; i < n; ++i) {
    double x = uniform(rng, -5, 5), y = uniform(rng, -5, 5);
    x += x > 0 ? 0.3 : -0.3;
    y += y > 0 ? 0.3 : -0.3;
    const double nx = uniform(rng, -5, 5) * noise, ny = uniform(rng, -5, 5) * noise;
    p.add(x, y, (x + nx) * (y + ny) >= 0 ? 1 : 0);
  }
}

void gauss(Points& p, int n, double noise, Rng& rng) {
  const double sd = std::sqrt(0.5 + 7.0 * noise);
  for (int i = 0; i < n; ++i) {
    const bool pos = i < n / 2;
    const double c = pos ? 2.0 : -2.0;
    const double x = c + sd * rng.normal(), y = c + sd * rng.normal();
    p.add(x, y, pos ? 1 : 0);
  }
}

void spiral_arms(Points& p, int n, int arms, double noise, Rng& rng, bool binary) {
  for (int c = 0; c < arms; ++c) {
    const int m = n / arms + (c < n % arms ? 1 : 0);
    const double delta = kTwoPi * c / arms;
    for (int i = 0; i < m; ++i) {
      const double r = static_cast<double>(i) / m * 5.0;
      const double t = 1.75 * i / m * kTwoPi + delta;
      const double x = r * det_sin(t) + uniform(rng, -1, 1) * noise;
      const double y = r * det_cos(t) + uniform(rng, -1, 1) * noise;
      p.add(x, y, binary ? (c == 0 ? 1 : 0) : c);
    }
  }
}

void moons(Points& p, int n, double noise, Rng& rng) {
  constexpr double kPi = 3.141592653589793238, scale = 3.5;
  for (int i = 0; i < n; ++i) {
    const bool outer = i < n / 2;
    const double t = uniform(rng, 0, kPi);
    double x = outer ? det_cos(t) : 1.0 - det_cos(t);
    double y = outer ? det_sin(t) : 0.5 - det_sin(t);
    x += 0.5 * noise * rng.normal();
    y += 0.5 * noise * rng.normal();
    p.add((x - 0.5) * scale, (y - 0.25) * scale, outer ? 1 : 0);
  }
}

void plane(Points& p, int n, double noise, Rng& rng) {
  for (int i = 0; i < n; ++i) {
    const double x = uniform(rng, -6, 6), y = uniform(rng, -6, 6);
    const double nx = uniform(rng, -6, 6) * noise, ny = uniform(rng, -6, 6) * noise;
    p.add(x, y, (x + nx + y + ny) / 10.0);
  }
}

void multi_gauss(Points& p, int n, double noise, Rng& rng) {
  static const double bumps[6][3] = {{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1}, {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
  for (int i = 0; i < n; ++i) {
    const double x = uniform(rng, -6, 6), y = uniform(rng, -6, 6);
    const double nx = uniform(rng, -6, 6) * noise, ny = uniform(rng, -6, 6) * noise;
    double label = 0;
    for (const auto& g : bumps) {
      const double dx = x + nx - g[0], dy = y + ny - g[1];
      const double d = std::sqrt(dx * dx + dy * dy);
      // Playground's labelScale: distance 0..2 maps linearly to 1..0, clamped.
      const double v = g[2] * std::max(0.0, 1.0 - d / 2.0);
      if (std::fabs(v) > std::fabs(label)) label = v;
    }
    p.add(x, y, label);
  }
}

void sine(Points& p, int n, double noise, Rng& rng) {
  for (int i = 0; i < n; ++i) {
    const double x = uniform(rng, -6, 6);
    p.x.push_back(static_cast<float>(x));
    p.y.push_back(static_cast<float>(det_sin(x) + uniform(rng, -1, 1) * noise));
  }
}

}  // namespace

std::string dataset_names() {
  std::string s;
  for (const char* name : kDatasetNames) s += (s.empty() ? "" : ", ") + std::string(name);
  return s;
}

Dataset make_dataset(const std::string& name, const DatasetOptions& o) {
  return make_dataset(name, o.n, o.noise, o.seed, o.train_fraction, o.classes, o.size);
}

std::vector<float> to_tanh_labels(const std::vector<float>& y) {
  std::vector<float> out(y.size());
  for (std::size_t i = 0; i < y.size(); ++i) out[i] = y[i] > 0.5f ? 1.0f : -1.0f;
  return out;
}

Dataset make_dataset(const std::string& name, int n, double noise, uint32_t seed, double train_fraction, int classes,
                     int size) {
  if (n < 4 || n > 100000) throw_range("n", n, "an integer in [4, 100000]");
  if (!(noise >= 0.0 && noise <= 1.0)) throw_range("noise", noise, "a number in [0, 1] (a fraction: 0.25 = 25%)");
  if (!(train_fraction > 0.0 && train_fraction < 1.0))
    throw_range("trainFraction", train_fraction, "a number in (0, 1), e.g. 0.5");
  Dataset d;
  d.name = name;
  Points p;
  Rng rng(seed, kPointStream);
  if (name == "circle") circle(p, n, noise, rng);
  else if (name == "xor") xor_data(p, n, noise, rng);
  else if (name == "gauss") gauss(p, n, noise, rng);
  else if (name == "spiral") spiral_arms(p, n, 2, noise, rng, true);
  else if (name == "moons") moons(p, n, noise, rng);
  else if (name == "spiral_k") {
    if (classes < 2 || classes > 8) throw_range("classes", classes, "an integer in [2, 8] for spiral_k");
    spiral_arms(p, n, classes, noise, rng, false);
    d.classes = classes;
  } else if (name == "plane") { plane(p, n, noise, rng); d.classes = 0; }
  else if (name == "multi_gauss") { multi_gauss(p, n, noise, rng); d.classes = 0; }
  else if (name == "sine") { sine(p, n, noise, rng); d.classes = 0; d.inputs = 1; }
  else if (name == "shapeset") {
    if (size < 8 || size > 32) throw_range("size", size, "an integer in [8, 32] for shapeset (image side in pixels)");
    if (static_cast<long>(n) * size * size > 16000000L)
      throw_range("n", n, "at most " + std::to_string(16000000L / (static_cast<long>(size) * size)) +
                              " for shapeset at size " + std::to_string(size) + " (n x size² <= 16e6)");
    shapeset_images(n, size, noise, rng, p.x, p.y);
    d.inputs = size * size;
    d.classes = kShapesetClasses;
  }
  else throw InvalidArgument(InvalidArgument::Kind::Range, "name",
                             "name must be one of " + dataset_names() + "; got \"" + name + "\"");

  std::vector<int> order(n);
  for (int i = 0; i < n; ++i) order[i] = i;
  Rng split(seed, kSplitStream);
  for (int i = n - 1; i > 0; --i) std::swap(order[i], order[split.below(static_cast<uint32_t>(i) + 1)]);
  const int n_train = std::clamp(static_cast<int>(std::floor(n * train_fraction + 0.5)), 1, n - 1);
  for (int i = 0; i < n; ++i) {
    const int s = order[i];
    auto& x = i < n_train ? d.x : d.test_x;
    auto& y = i < n_train ? d.y : d.test_y;
    for (int k = 0; k < d.inputs; ++k) x.push_back(p.x[static_cast<std::size_t>(s) * d.inputs + k]);
    y.push_back(p.y[s]);
  }
  return d;
}

}  // namespace alab::data
