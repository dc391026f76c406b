// The declared field tables of every config that comes from outside, and the
// one generic validator that reads them.
//
//   config           C++ struct               table              lab.schema key
//   createNetwork    nn::NetworkConfig        network_table()    network
//   net.train opts   TrainOptions             train_table()      train
//   lab.dataset      data::DatasetOptions     dataset_table()    dataset (+ names)
//   createGcn        graph::GcnConfig         gcn_table()        gcn
//   lab.bornDead     nn::BornDeadOptions      born_dead_table()  bornDead
//
// A row holds the field's name, type, range or enumeration, one line of doc,
// and how it reaches its struct member; the default is the member's value in
// a default-constructed struct, so it is written once, in the struct. parse()
// walks the rows in order over a ConfigValue (a JS object in wasm, JSON
// natively) and throws InvalidArgument naming the field, the value and what
// is allowed; schemas() is the same tables for lab.schema and the README.
// Nothing here knows Embind or a JSON library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "api/config_value.h"
#include "data/dataset.h"
#include "graph/gcn_config.h"
#include "nn/born_dead.h"
#include "nn/config.h"

namespace alab::schema {

// One of the k*Names arrays of an enumeration (nn/config.h, data/dataset.h, graph/*.h).
struct Names {
  const char* const* items = nullptr;
  std::size_t count = 0;
  constexpr Names() = default;
  template <std::size_t N>
  constexpr Names(const char* const (&a)[N]) : items(a), count(N) {}  // NOLINT: implicit by design
  std::string joined() const;             // "a, b, c"
  int find(const std::string& s) const;   // the index, or -1
};

// The field types of lab.schema (types/index.d.ts documents them for JS).
enum class FieldType {
  integer,            // an integer in [min, max]
  number,             // a finite number in [min, max] (or [min, max) when maxExclusive)
  boolean,
  enumeration,        // "enum": one of values
  integer_list,       // "integer[]": at most maxLength integers, each in [min, max]
  activation,         // an activation name, or an array of one name per hidden layer
  activation_params,  // {alpha?, lower?, upper?}, or an array of one such object per hidden layer
};
const char* type_name(FieldType t);

struct FieldSpec {
  std::string name;
  FieldType type = FieldType::number;
  std::string doc;
  double min = 0, max = 0;      // integer, number; integer_list: each element
  bool max_exclusive = false;
  Names values;                 // enumeration
  std::size_t max_length = 0;   // integer_list
  bool required = false;
  std::string default_name;     // activation: the default for every layer (its struct member starts empty)
};

// A field's value as a row reads it from its struct (defaults, read-back).
struct FieldValue {
  double number = 0;    // integer, number, boolean (0/1), enumeration (its index)
  bool single = false;  // the member is a float: shown as its shortest decimal
  std::vector<int> ints;                                           // integer_list
  std::vector<std::string> names;                                  // activation (one per layer)
  std::vector<std::vector<std::pair<std::string, float>>> params;  // activation_params (one object per layer)
};

// How "got ..." shows a non-number in type errors, as each config always has:
// network: its JSON text (cut at 60 characters); options: "an object",
// "an array", strings as JSON text.
enum class Style { network, options };

template <class T>
struct Field {
  FieldSpec spec;
  Style style = Style::network;
  // Validates `value` (nullptr when the key is absent) into c; `path` is the
  // field's name in messages. (Plain function pointers: one small function
  // per row, no std::function machinery in the wasm.)
  void (*apply)(T& c, const ConfigValue* value, const std::string& path, const FieldSpec& spec, Style style) = nullptr;
  // The member's value in c.
  FieldValue (*read)(const T& c) = nullptr;
};

template <class T>
struct Table {
  std::string object;  // "config" | "options": the argument, named in unknown-field errors
  std::string prefix;  // "" | "options.": prepended to the field names in errors
  Style style = Style::network;
  std::vector<Field<T>> fields;
  void (*finish)(const T&) = nullptr;  // checks of the whole (size caps), after every field
};

// The options of net.train(steps, options) (validated in web/lib from lab.schema.train).
struct TrainOptions {
  bool report = true;
};

const Table<nn::NetworkConfig>& network_table();
const Table<TrainOptions>& train_table();
const Table<data::DatasetOptions>& dataset_table();
const Table<graph::GcnConfig>& gcn_table();
const Table<nn::BornDeadOptions>& born_dead_table();

// Validates an object against a table: unknown keys, required fields, then
// every row in order, then finish(). Throws InvalidArgument.
template <class T>
T parse(const Table<T>& table, const ConfigValue& object);

// The tables as lab.schema exports them.
struct SchemaField {
  FieldSpec spec;
  FieldValue default_value;
};
struct Schema {
  std::string key;             // "network", "train", "dataset", "gcn", "bornDead"
  std::vector<SchemaField> fields;
  Names names;                 // dataset: the generator names; else empty
};
const std::vector<Schema>& schemas();

// ---- the primitive readers, shared with option objects that have no table ----
// (graph names and spectral filters, whose fields depend on a name or kind)

// How a value appears after "got" in a type error.
std::string shown(const ConfigValue& v, Style style);
// A number (NaN and ±Infinity included), else a TypeError "field must be a number".
double read_number(const ConfigValue& v, const std::string& field, Style style);
// A finite number in [lo, hi] ([lo, hi) when hi_exclusive).
double read_number_in(const ConfigValue& v, const std::string& field, double lo, double hi, Style style,
                      bool hi_exclusive = false);
int64_t read_integer_in(const ConfigValue& v, const std::string& field, int64_t lo, int64_t hi, Style style);
bool read_boolean(const ConfigValue& v, const std::string& field, Style style);
// The index of v in names.
int read_enum(const ConfigValue& v, const std::string& field, Names names, Style style);
// Throws when v is not an object, or has a key outside `allowed` (options style:
// "options.key: unknown field \"key\" in options; allowed: a, b").
void require_keys(const ConfigValue& v, const std::string& object, const std::vector<std::string>& allowed);

// Plain numbers passed as arguments (steps, lr, grid bounds...), checked
// directly with the same messages.
double check_number_in(double x, const std::string& field, double lo, double hi, bool hi_exclusive = false);
int64_t check_integer_in(double x, const std::string& field, int64_t lo, int64_t hi);

}  // namespace alab::schema
