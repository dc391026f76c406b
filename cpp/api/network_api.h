// The validating API over the trainer, datasets and born-dead estimates, in
// the shapes the JS library speaks: configs and option objects arrive as a
// ConfigValue (validated by the field tables in config_schema.h), arrays as
// float vectors; results leave as plain structs or float vectors (the
// bindings hand them to JS as objects and typed arrays). Everything here
// throws InvalidArgument naming the field; nothing knows of Emscripten.
// (cpp/api/json/json_api.h adds JSON-text overloads for the native build.)
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "api/config_value.h"
#include "data/dataset.h"
#include "nn/born_dead.h"
#include "nn/network.h"

namespace alab {

// lab.createNetwork(config): a network initialised from its seed (schema::network_table()).
std::unique_ptr<nn::Network> create_network(const ConfigValue& config);

// lab.loadNetwork(json), once the edge has read the file's text and checked
// its envelope {format, version, config, step, weights} (web/lib/network-file.js;
// natively cpp/api/json/network_json.h): validates the config (errors read
// "network JSON: config.<field> ..."), the step and the weights array — its
// length for this config, each a finite float. `converted`, when not null, is
// the same array already as floats (the edge checked every element is a
// number within float range), so the elements are not read one by one.
std::unique_ptr<nn::Network> load_network(const ConfigValue& config, const ConfigValue& step,
                                          const ConfigValue& weights, const std::vector<float>* converted);

// lab.dataset(name, { n, noise, seed, trainFraction, classes, size }).
data::Dataset make_dataset(const std::string& name, const ConfigValue& options);

// net.setData({ x, y, inputs, testX?, testY? }): checks that the lengths agree
// (x.length = y.length · inputs) and, for a tanh head, maps 0/1 labels to −1/+1
// so that lab.dataset() output can be passed as is.
void set_network_data(nn::Network& net, const std::vector<float>& x, const std::vector<float>& y, double inputs,
                      const std::vector<float>& test_x, const std::vector<float>& test_y);

// net.train(steps, { report }) → the report (nn/report.h).
nn::TrainReport train_network(nn::Network& net, double steps, bool with_report);

// net.train(steps, { report: false }): the same training without building a
// report, as [step, batchLoss (NaN if none), diverged (0/1), divergedAtStep
// (-1 if none), learningRate] — no JSON on the hot path of long runs.
std::array<double, 5> train_network_compact(nn::Network& net, double steps);

// net.evaluate() → { trainLoss, testLoss, trainAccuracy, testAccuracy }.
nn::Evaluation evaluate_network(nn::Network& net);

// net.predict(x): x.length must be a multiple of the network's inputs.
std::vector<float> predict(nn::Network& net, const std::vector<float>& x);

// net.predictGrid(xMin, xMax, yMin, yMax, resolution).
std::vector<float> predict_grid(nn::Network& net, double x_min, double x_max, double y_min, double y_max,
                                double resolution);

// net.unitGrid(xMin, xMax, yMin, yMax, resolution): validated as predictGrid.
std::vector<float> unit_grid(nn::Network& net, double x_min, double x_max, double y_min, double y_max,
                             double resolution);

// net.unitStats(): per hidden unit [active, inactive, saturated, 30 histogram counts].
std::vector<float> unit_stats(nn::Network& net);

// net.restoreState(bytes, { exact }).
void restore_state(nn::Network& net, const std::vector<uint8_t>& bytes, bool exact);

// net.setLearningRate(lr).
void set_learning_rate(nn::Network& net, double lr);

// lab.bornDead({ width, depth, init, biasInit, trials, seed }) → { probability, dead, trials }.
nn::BornDeadResult born_dead(const ConfigValue& options);

}  // namespace alab
