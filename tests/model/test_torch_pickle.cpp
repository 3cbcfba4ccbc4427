// The torch-pickle reader and writer (src/model/torch_pickle/): what LibTorch's pickle_save
// writes reads back value for value, strides and offsets included; what our writer writes,
// LibTorch's pickle_load and our reader read back; damaged archives, pickles outside the subset
// and Python callables are refused with a message that says what and where.
#include <gtest/gtest.h>
#include <torch/serialize.h>
#include <torch/torch.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "model/torch_pickle/format_error.hpp"
#include "model/torch_pickle/read_torch_pickle.hpp"
#include "model/torch_pickle/unpickler.hpp"
#include "model/torch_pickle/write_torch_pickle.hpp"
#include "model/torch_pickle/zip_archive.hpp"

namespace equipot::torch_pickle {
namespace {

using namespace std::string_literals;  // "..."s: opcodes with zero bytes in them
using Dict = c10::impl::GenericDict;

Dict new_dict() { return Dict(c10::StringType::get(), c10::AnyType::get()); }

const Value& entry(const Document& d, const Value& dict, const std::string& key) {
  const int found = d.find(dict, key);
  EXPECT_GE(found, 0) << key;
  return d[found];
}

TEST(TorchPickle, ReadsWhatLibTorchWrites) {
  Dict inner = new_dict();
  inner.insert("flag", true);
  inner.insert("nothing", c10::IValue());
  Dict root = new_dict();
  root.insert("text", std::string("Si O"));
  root.insert("small", int64_t{7});
  root.insert("negative", int64_t{-300});
  root.insert("wide", int64_t{(1LL << 40) + 5});
  root.insert("most_negative", std::numeric_limits<int64_t>::min());
  root.insert("real", 0.1);
  root.insert("ints", c10::List<int64_t>({1, -2, 1LL << 33}));
  root.insert("reals", c10::List<double>({2.5, -1e-300}));
  root.insert("words", c10::List<std::string>({"a", "bc"}));
  root.insert("inner", inner);
  root.insert("matrix", torch::arange(6, torch::kDouble).reshape({2, 3}));
  root.insert("single", torch::ones({2}, torch::kFloat));
  const Document d = read_torch_pickle(torch::pickle_save(root));

  const Value& r = d[d.root];
  ASSERT_EQ(r.kind, Kind::dict);
  EXPECT_EQ(entry(d, r, "text").text, "Si O");
  EXPECT_EQ(entry(d, r, "small").integer, 7);
  EXPECT_EQ(entry(d, r, "negative").integer, -300);
  EXPECT_EQ(entry(d, r, "wide").integer, (1LL << 40) + 5);
  EXPECT_EQ(entry(d, r, "most_negative").integer, std::numeric_limits<int64_t>::min());
  EXPECT_EQ(entry(d, r, "real").real, 0.1);
  const Value& ints = entry(d, r, "ints");
  ASSERT_EQ(ints.kind, Kind::list);
  ASSERT_EQ(ints.items.size(), 3u);
  EXPECT_EQ(d[ints.items[2]].integer, 1LL << 33);
  EXPECT_EQ(d[entry(d, r, "reals").items[1]].real, -1e-300);
  EXPECT_EQ(d[entry(d, r, "words").items[1]].text, "bc");
  const Value& in = entry(d, r, "inner");
  EXPECT_EQ(entry(d, in, "flag").kind, Kind::boolean);
  EXPECT_EQ(entry(d, in, "flag").integer, 1);
  EXPECT_EQ(entry(d, in, "nothing").kind, Kind::none);
  const Tensor& matrix = d.tensors[entry(d, r, "matrix").tensor];
  EXPECT_EQ(matrix.dtype, "Double");
  EXPECT_EQ(matrix.shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(matrix.values, (std::vector<double>{0, 1, 2, 3, 4, 5}));
  const Tensor& single = d.tensors[entry(d, r, "single").tensor];
  EXPECT_EQ(single.dtype, "Float");
  EXPECT_TRUE(single.values.empty());
}

TEST(TorchPickle, FollowsStridesAndOffsets) {
  const torch::Tensor base = torch::arange(12, torch::kDouble).reshape({3, 4});
  const torch::Tensor view = base.t().narrow(0, 1, 2);  // (2, 3), strides (1, 4), offset 1
  ASSERT_FALSE(view.is_contiguous());
  Dict root = new_dict();
  root.insert("view", view);
  const Document d = read_torch_pickle(torch::pickle_save(root));
  const Tensor& t = d.tensors[entry(d, d[d.root], "view").tensor];
  EXPECT_EQ(t.shape, (std::vector<int64_t>{2, 3}));
  const torch::Tensor expected = view.contiguous();
  EXPECT_EQ(t.values, std::vector<double>(expected.data_ptr<double>(), expected.data_ptr<double>() + 6));
}

Document written_example() {
  DocumentBuilder b;
  const int root = b.dict();
  b.insert(root, "text", b.string("Si O"));
  b.insert(root, "ints", b.list({b.integer(0), b.integer(255), b.integer(256), b.integer(65536), b.integer(-1),
                                 b.integer(-(1LL << 31)), b.integer(1LL << 31), b.integer(std::numeric_limits<int64_t>::min())}));
  b.insert(root, "real", b.real(-0.1));
  b.insert(root, "flags", b.list({b.boolean(true), b.boolean(false), b.none()}));
  b.insert(root, "empty", b.dict());
  b.insert(root, "matrix", b.tensor({2, 3}, {0.5, 1, 2, 3, 4, -5}));
  b.insert(root, "scalar", b.tensor({}, {7}));
  return b.take(root);
}

TEST(TorchPickle, WriterRoundTrip) {
  const std::vector<char> bytes = write_torch_pickle(written_example());
  const Document d = read_torch_pickle(bytes);
  const Value& r = d[d.root];
  EXPECT_EQ(entry(d, r, "text").text, "Si O");
  std::vector<int64_t> ints;
  for (int i : entry(d, r, "ints").items) ints.push_back(d[i].integer);
  EXPECT_EQ(ints, (std::vector<int64_t>{0, 255, 256, 65536, -1, -(1LL << 31), 1LL << 31,
                                        std::numeric_limits<int64_t>::min()}));
  EXPECT_EQ(entry(d, r, "real").real, -0.1);
  const Value& flags = entry(d, r, "flags");
  EXPECT_EQ(d[flags.items[0]].integer, 1);
  EXPECT_EQ(d[flags.items[1]].kind, Kind::boolean);
  EXPECT_EQ(d[flags.items[2]].kind, Kind::none);
  EXPECT_EQ(entry(d, r, "empty").kind, Kind::dict);
  const Tensor& matrix = d.tensors[entry(d, r, "matrix").tensor];
  EXPECT_EQ(matrix.shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(matrix.values, (std::vector<double>{0.5, 1, 2, 3, 4, -5}));
  EXPECT_TRUE(d.tensors[entry(d, r, "scalar").tensor].shape.empty());
  const ZipArchive archive(bytes);
  for (const auto& e : archive.entries()) EXPECT_EQ(e.offset % 64, 0u) << e.name << " is not 64-byte aligned";
}

TEST(TorchPickle, LibTorchReadsWhatTheWriterWrites) {
  const c10::IValue root = torch::pickle_load(write_torch_pickle(written_example()));
  const Dict dict = root.toGenericDict();
  EXPECT_EQ(dict.at("text").toStringRef(), "Si O");
  EXPECT_EQ(dict.at("ints").toListRef()[7].toInt(), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(dict.at("real").toDouble(), -0.1);
  const torch::Tensor matrix = dict.at("matrix").toTensor();
  EXPECT_EQ(matrix.scalar_type(), torch::kDouble);
  EXPECT_TRUE(torch::equal(matrix, torch::tensor({0.5, 1.0, 2.0, 3.0, 4.0, -5.0}, torch::kDouble).reshape({2, 3})));
  EXPECT_EQ(dict.at("scalar").toTensor().item<double>(), 7.0);
}

std::string rejection(const std::vector<char>& bytes) {
  try {
    read_torch_pickle(bytes);
  } catch (const FormatError& e) {
    return e.what();
  }
  ADD_FAILURE() << "accepted";
  return "";
}

std::vector<char> saved_tensor() {
  Dict root = new_dict();
  root.insert("w", torch::ones({4}, torch::kDouble));
  return torch::pickle_save(root);
}

TEST(TorchPickle, RejectsDamagedStorage) {
  std::vector<char> bytes = saved_tensor();
  const ZipArchive archive(bytes);
  const ZipArchive::Entry* storage = archive.find("archive/data/0");
  ASSERT_NE(storage, nullptr);
  const uint64_t at = storage->offset + 3;
  bytes[at] = static_cast<char>(bytes[at] ^ 0x40);
  EXPECT_EQ(rejection(bytes), "zip entry 'archive/data/0' is damaged (its CRC-32 does not match) (pickle byte 189)");
}

TEST(TorchPickle, RejectsCompressedEntry) {
  std::vector<char> bytes = saved_tensor();
  const std::string header = std::string("PK\x01\x02", 4);
  const std::string name = "archive/data.pkl";
  size_t at = 0;
  for (std::string_view all(bytes.data(), bytes.size());; ++at) {
    at = all.find(header, at);
    ASSERT_NE(at, std::string_view::npos);
    if (all.substr(at + 46, name.size()) == name) break;
  }
  bytes[at + 10] = 8;  // method: deflate
  EXPECT_EQ(rejection(bytes),
            "zip entry 'archive/data.pkl' is compressed (method 8); model files store their entries uncompressed");
}

TEST(TorchPickle, RejectsWhatIsNoZipArchive) {
  EXPECT_EQ(rejection(std::vector<char>(100, 'x')), "no zip directory at its end");
  EXPECT_EQ(rejection({'P', 'K'}), "too short for a zip archive");
}

// Raw pickles for the unpickler itself, built from opcodes.
std::string text(const std::string& s) {
  const uint32_t n = static_cast<uint32_t>(s.size());
  return "X" + std::string(reinterpret_cast<const char*>(&n), 4) + s;
}
std::string global(const std::string& module, const std::string& name) { return "c" + module + "\n" + name + "\n"; }
const std::string kProto = "\x80\x02";

std::string unpickle_rejection(const std::string& pickle, std::string_view storage = {}) {
  try {
    unpickle(pickle, [&](const std::string&) { return storage; });
  } catch (const FormatError& e) {
    return e.what();
  }
  ADD_FAILURE() << "accepted";
  return "";
}

TEST(TorchPickle, RefusesPythonCallables) {
  EXPECT_EQ(unpickle_rejection(kProto + global("os", "system") + text("ls") + "\x85R."),
            "the pickle calls Python's os.system, which model files do not use (pickle byte 21)");
}

TEST(TorchPickle, RejectsPicklesOutsideTheSubset) {
  EXPECT_EQ(unpickle_rejection(kProto + "\x95."), "pickle opcode 0x95, which model files do not use (pickle byte 2)");
  EXPECT_EQ(unpickle_rejection("\x80\x04."), "pickle protocol above 2 (torch.save writes protocol 2) (pickle byte 0)");
  EXPECT_EQ(unpickle_rejection(kProto + "h\x05."), "the pickle refers to memo entry 5, which it never set (pickle byte 2)");
  EXPECT_EQ(unpickle_rejection(kProto + "X\xff\x00\x00\x00ab"s), "truncated pickle (pickle byte 2)");
  EXPECT_EQ(unpickle_rejection(kProto + "a."), "a pickle opcode finds its stack empty (pickle byte 2)");
  EXPECT_EQ(unpickle_rejection(kProto + "K\x01K\x02."), "the pickle ends with 2 values on its stack instead of one (pickle byte 6)");
  EXPECT_EQ(unpickle_rejection(kProto + "]" + text("k") + "K\x01s."), "SETITEM on a list (pickle byte 11)");
  EXPECT_EQ(unpickle_rejection(kProto + "\x8a\x09" + std::string(9, '\x01') + "."),
            "an integer of 9 bytes (model files hold 64-bit integers) (pickle byte 2)");
}

TEST(TorchPickle, ReadsPythonStyleSingleAppendAndSetItem) {
  const Document d = unpickle(kProto + "}" + text("a") + "]G\x3f\xf8\x00\x00\x00\x00\x00\x00" "as."s,
                              [](const std::string&) { return std::string_view(); });
  const Value& list = entry(d, d[d.root], "a");
  ASSERT_EQ(list.items.size(), 1u);
  EXPECT_EQ(d[list.items[0]].real, 1.5);
}

// _rebuild_tensor_v2 on a Double storage of `elements` elements with shape (size,).
std::string tensor_pickle(int elements, int size) {
  return kProto + global("torch._utils", "_rebuild_tensor_v2") + "((" + text("storage") + global("torch", "DoubleStorage") +
         text("0") + text("cpu") + "K" + char(elements) + "tQK\x00K"s + char(size) + "\x85K\x01\x85\x89" +
         global("collections", "OrderedDict") + ")RtR.";
}

TEST(TorchPickle, RejectsTensorsBeyondTheirStorage) {
  const std::vector<double> two = {1.0, 2.0};
  const std::string_view storage(reinterpret_cast<const char*>(two.data()), 16);
  EXPECT_EQ(unpickle(tensor_pickle(2, 2), [&](const std::string&) { return storage; }).tensors.at(0).values, two);
  EXPECT_NE(unpickle_rejection(tensor_pickle(2, 3), storage).find("a tensor that reaches beyond its storage '0'"),
            std::string::npos);
  EXPECT_NE(unpickle_rejection(tensor_pickle(4, 2), storage)
                .find("storage '0' holds 16 bytes, fewer than 4 elements of Double need"),
            std::string::npos);
}

}  // namespace
}  // namespace equipot::torch_pickle
