#include "model/torch_pickle/unpickler.hpp"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <unordered_map>
#include <vector>

#include "model/torch_pickle/format_error.hpp"
#include "model/torch_pickle/little_endian.hpp"
#include "model/torch_pickle/torch_objects.hpp"

namespace equipot::torch_pickle {
namespace {

// The opcodes of pickle protocols 0-2 that torch.save and pickle_save use (CPython's
// Lib/pickletools.py documents each).
enum Opcode : unsigned char {
  kProto = 0x80, kStop = '.', kMark = '(', kEmptyDict = '}', kEmptyList = ']', kEmptyTuple = ')',
  kBinUnicode = 'X', kBinInt1 = 'K', kBinInt2 = 'M', kBinInt = 'J', kLong1 = 0x8a, kBinFloat = 'G',
  kNewTrue = 0x88, kNewFalse = 0x89, kNone = 'N', kBinPut = 'q', kLongBinPut = 'r', kBinGet = 'h',
  kLongBinGet = 'j', kGlobal = 'c', kAppend = 'a', kAppends = 'e', kSetItem = 's', kSetItems = 'u',
  kTuple = 't', kTuple1 = 0x85, kTuple2 = 0x86, kTuple3 = 0x87, kBinPersId = 'Q', kReduce = 'R',
};

class Machine {
 public:
  Machine(std::string_view pickle, const StorageBytes& storage_bytes)
      : pickle_(pickle), storage_bytes_(storage_bytes) {}

  Document run() {
    while (true) {
      op_at_ = at_;
      const unsigned char op = byte();
      if (op == kStop) break;
      step(op);
    }
    if (stack_.size() != 1 || !marks_.empty()) fail("the pickle ends with " + std::to_string(stack_.size()) +
                                                    " values on its stack instead of one");
    document_.root = stack_.back();
    return std::move(document_);
  }

 private:
  void step(unsigned char op) {
    switch (op) {
      case kProto:
        if (byte() > 2) fail("pickle protocol above 2 (torch.save writes protocol 2)");
        return;
      case kMark: marks_.push_back(stack_.size()); return;
      case kEmptyDict: push(Kind::dict); return;
      case kEmptyList: push(Kind::list); return;
      case kEmptyTuple: push(Kind::tuple); return;
      case kBinUnicode: {
        const int value = push(Kind::string);
        document_.values[value].text = std::string(take(unsigned_number(4)));
        return;
      }
      case kBinInt1: push_integer(static_cast<int64_t>(unsigned_number(1))); return;
      case kBinInt2: push_integer(static_cast<int64_t>(unsigned_number(2))); return;
      case kBinInt: push_integer(static_cast<int32_t>(unsigned_number(4))); return;
      case kLong1: push_integer(long1()); return;
      case kBinFloat: {
        uint64_t bits = 0;  // big-endian IEEE double
        for (unsigned char c : take(8)) bits = bits << 8 | c;
        double real;
        std::memcpy(&real, &bits, sizeof real);
        document_.values[push(Kind::real)].real = real;
        return;
      }
      case kNewTrue: document_.values[push(Kind::boolean)].integer = 1; return;
      case kNewFalse: push(Kind::boolean); return;
      case kNone: push(Kind::none); return;
      case kBinPut: memo_[static_cast<uint32_t>(unsigned_number(1))] = top(); return;
      case kLongBinPut: memo_[static_cast<uint32_t>(unsigned_number(4))] = top(); return;
      case kBinGet: stack_.push_back(memo(unsigned_number(1))); return;
      case kLongBinGet: stack_.push_back(memo(unsigned_number(4))); return;
      case kGlobal: {
        std::string name = line();
        name += '.' + line();
        document_.values[push(Kind::global)].text = std::move(name);
        return;
      }
      case kAppend: {
        const int item = pop();
        container(top(), Kind::list, "APPEND").items.push_back(item);
        return;
      }
      case kAppends: {
        std::vector<int> items = pop_to_mark();
        auto& list = container(top(), Kind::list, "APPENDS").items;
        list.insert(list.end(), items.begin(), items.end());
        return;
      }
      case kSetItem: {
        const int value = pop(), key = pop();
        auto& dict = container(top(), Kind::dict, "SETITEM").items;
        dict.push_back(key);
        dict.push_back(value);
        return;
      }
      case kSetItems: {
        std::vector<int> pairs = pop_to_mark();
        if (pairs.size() % 2 != 0) fail("SETITEMS with an odd number of values");
        auto& dict = container(top(), Kind::dict, "SETITEMS").items;
        dict.insert(dict.end(), pairs.begin(), pairs.end());
        return;
      }
      case kTuple: push_tuple(pop_to_mark()); return;
      case kTuple1: push_tuple(pop_n(1)); return;
      case kTuple2: push_tuple(pop_n(2)); return;
      case kTuple3: push_tuple(pop_n(3)); return;
      case kBinPersId: stack_.push_back(guarded([&] { return persistent_load(document_, pop()); })); return;
      case kReduce: {
        const int args = pop(), callable = pop();
        stack_.push_back(guarded([&] { return reduce(document_, callable, args, storage_bytes_); }));
        return;
      }
      default: {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02x", op);
        fail(std::string("pickle opcode ") + hex + ", which model files do not use");
      }
    }
  }

  // Errors of torch_objects, located at the opcode that raised them.
  template <class F>
  int guarded(const F& f) {
    try {
      return f();
    } catch (const FormatError& e) {
      fail(e.what());
    }
  }

  [[noreturn]] void fail(const std::string& problem) const {
    throw FormatError(problem + " (pickle byte " + std::to_string(op_at_) + ")");
  }

  std::string_view take(uint64_t count) {
    if (count > pickle_.size() - at_) fail("truncated pickle");
    const std::string_view bytes = pickle_.substr(at_, count);
    at_ += count;
    return bytes;
  }
  unsigned char byte() { return static_cast<unsigned char>(take(1)[0]); }
  uint64_t unsigned_number(int width) { return read_little_endian(take(width).data(), width); }
  // LONG1: a little-endian two's-complement integer of n bytes.
  int64_t long1() {
    const int n = byte();
    if (n > 8) fail("an integer of " + std::to_string(n) + " bytes (model files hold 64-bit integers)");
    if (n == 0) return 0;
    const uint64_t raw = unsigned_number(n);
    const uint64_t sign = uint64_t{1} << (8 * n - 1);
    return n == 8 ? static_cast<int64_t>(raw) : static_cast<int64_t>((raw ^ sign) - sign);
  }
  std::string line() {
    const size_t end = pickle_.find('\n', at_);
    if (end == std::string_view::npos) fail("truncated pickle");
    std::string text(pickle_.substr(at_, end - at_));
    at_ = end + 1;
    return text;
  }

  int push(Kind kind) {
    Value value;
    value.kind = kind;
    const int index = document_.add(std::move(value));
    stack_.push_back(index);
    return index;
  }
  void push_integer(int64_t value) { document_.values[push(Kind::integer)].integer = value; }
  void push_tuple(std::vector<int> items) { document_.values[push(Kind::tuple)].items = std::move(items); }
  int top() const {
    if (stack_.size() <= floor()) fail("a pickle opcode finds its stack empty");
    return stack_.back();
  }
  int pop() {
    const int value = top();
    stack_.pop_back();
    return value;
  }
  std::vector<int> pop_n(size_t n) {
    if (stack_.size() < floor() + n) fail("a pickle opcode finds its stack empty");
    std::vector<int> items(stack_.end() - n, stack_.end());
    stack_.resize(stack_.size() - n);
    return items;
  }
  std::vector<int> pop_to_mark() {
    if (marks_.empty()) fail("a pickle opcode needs a MARK that is not there");
    const size_t mark = marks_.back();
    marks_.pop_back();
    std::vector<int> items(stack_.begin() + static_cast<std::ptrdiff_t>(mark), stack_.end());
    stack_.resize(mark);
    return items;
  }
  // Values below the innermost mark belong to an enclosing opcode.
  size_t floor() const { return marks_.empty() ? 0 : marks_.back(); }
  int memo(uint64_t key) const {
    const auto found = memo_.find(static_cast<uint32_t>(key));
    if (found == memo_.end()) fail("the pickle refers to memo entry " + std::to_string(key) + ", which it never set");
    return found->second;
  }
  Value& container(int index, Kind kind, const char* op) {
    Value& value = document_.values[static_cast<size_t>(index)];
    if (value.kind != kind) fail(std::string(op) + " on " + describe(value.kind));
    return value;
  }

  std::string_view pickle_;
  const StorageBytes& storage_bytes_;
  size_t at_ = 0, op_at_ = 0;
  Document document_;
  std::vector<int> stack_;
  std::vector<size_t> marks_;
  std::unordered_map<uint32_t, int> memo_;
};

}  // namespace

Document unpickle(std::string_view pickle, const StorageBytes& storage_bytes) {
  return Machine(pickle, storage_bytes).run();
}

}  // namespace equipot::torch_pickle
