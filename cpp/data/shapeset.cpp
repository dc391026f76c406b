// The Shapeset-3x2 generator (see shapeset.h).
#include "data/shapeset.h"

#include <algorithm>
#include <cmath>

#include "data/det_math.h"

namespace alab::data {
namespace {

constexpr double kPi = 3.141592653589793238;

enum Shape { kTriangle = 0, kParallelogram = 1, kEllipse = 2 };

// The shapes of each class (second = -1: one shape).
constexpr int kClassShapes[kShapesetClasses][2] = {{0, -1}, {1, -1}, {2, -1}, {0, 0}, {1, 1},
                                                   {2, 2},  {0, 1},  {0, 2},  {1, 2}};

double uniform(Rng& rng, double lo, double hi) { return lo + (hi - lo) * rng.uniform(); }

// z-component of (b − a) × (p − a).
double cross(double ax, double ay, double bx, double by, double px, double py) {
  return (bx - ax) * (py - ay) - (by - ay) * (px - ax);
}

// Paints one random shape of the given kind into img (size × size).
void paint(std::vector<float>& img, int size, int kind, Rng& rng) {
  const double s = static_cast<double>(size);
  // Size: the shape's radius, 15-35 % of the image side; centre kept so that
  // most of the shape is inside the image.
  const double r = uniform(rng, 0.15, 0.35) * s;
  const double cx = uniform(rng, r * 0.6, s - r * 0.6), cy = uniform(rng, r * 0.6, s - r * 0.6);
  const double theta = uniform(rng, 0, 2 * kPi);
  const double grey = uniform(rng, 0.35, 1.0);
  const double c = det_cos(theta), sn = det_sin(theta);
  // Shape-specific parameters, drawn whether or not a pixel is hit.
  double ux = 0, uy = 0, vx = 0, vy = 0, a = 0, b = 0;
  double tx[3] = {0, 0, 0}, ty[3] = {0, 0, 0};
  if (kind == kTriangle) {
    // Three vertices on the circle of radius r, at angles theta + spread.
    const double angles[3] = {0.0, uniform(rng, 1.6, 2.6), uniform(rng, 3.7, 4.7)};
    for (int k = 0; k < 3; ++k) {
      tx[k] = cx + r * det_cos(theta + angles[k]);
      ty[k] = cy + r * det_sin(theta + angles[k]);
    }
  } else if (kind == kParallelogram) {
    // Sides u (length 2r·0.8) and v (length 2r·q) at an angle phi.
    const double q = uniform(rng, 0.4, 0.9), phi = uniform(rng, 0.3, 0.7) * kPi;
    ux = 1.6 * r * c;
    uy = 1.6 * r * sn;
    vx = 1.6 * r * q * det_cos(theta + phi);
    vy = 1.6 * r * q * det_sin(theta + phi);
  } else {
    a = r;
    b = r * uniform(rng, 0.35, 0.9);
  }
  const double det = ux * vy - uy * vx;
  const double orient = kind == kTriangle ? (cross(tx[0], ty[0], tx[1], ty[1], tx[2], ty[2]) >= 0 ? 1.0 : -1.0) : 1.0;
  for (int row = 0; row < size; ++row) {
    for (int col = 0; col < size; ++col) {
      const double px = col + 0.5, py = row + 0.5;
      bool inside = false;
      if (kind == kTriangle) {
        inside = orient * cross(tx[0], ty[0], tx[1], ty[1], px, py) >= 0 &&
                 orient * cross(tx[1], ty[1], tx[2], ty[2], px, py) >= 0 &&
                 orient * cross(tx[2], ty[2], tx[0], ty[0], px, py) >= 0;
      } else if (kind == kParallelogram) {
        // p − centre = α u + β v; inside when |α|, |β| <= 1/2.
        const double dx = px - cx, dy = py - cy;
        const double alpha = (dx * vy - dy * vx) / det, beta = (ux * dy - uy * dx) / det;
        inside = std::fabs(alpha) <= 0.5 && std::fabs(beta) <= 0.5;
      } else {
        const double dx = px - cx, dy = py - cy;
        const double e1 = (dx * c + dy * sn) / a, e2 = (-dx * sn + dy * c) / b;
        inside = e1 * e1 + e2 * e2 <= 1.0;
      }
      if (inside) img[static_cast<std::size_t>(row) * size + col] = static_cast<float>(grey);
    }
  }
}

}  // namespace

void shapeset_images(int n, int size, double noise, Rng& rng, std::vector<float>& x, std::vector<float>& y) {
  const std::size_t pixels = static_cast<std::size_t>(size) * size;
  std::vector<float> img(pixels);
  for (int i = 0; i < n; ++i) {
    const int label = static_cast<int>(rng.below(kShapesetClasses));
    std::fill(img.begin(), img.end(), 0.0f);
    paint(img, size, kClassShapes[label][0], rng);
    if (kClassShapes[label][1] >= 0) paint(img, size, kClassShapes[label][1], rng);
    if (noise > 0)
      for (float& v : img) v = static_cast<float>(std::clamp(v + uniform(rng, -noise, noise), 0.0, 1.0));
    x.insert(x.end(), img.begin(), img.end());
    y.push_back(static_cast<float>(label));
  }
}

}  // namespace alab::data
