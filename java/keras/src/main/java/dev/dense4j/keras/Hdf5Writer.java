// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the small HDF5 subset that Keras' weight files use, in the layout h5py writes by default
 * (so every HDF5 reader handles it): superblock version 0, groups as symbol tables (version-1
 * B-tree + local heap), version-1 object headers, contiguous little-endian float32 datasets, and
 * variable-length UTF-8 string attributes (scalars or 1-d arrays) in one global heap collection.
 *
 * <p>Hand-written rather than through jHDF's writer, whose output is corrupt when a group with no
 * children follows a dataset (Keras' root {@code vars} group is such a group) and which cannot
 * write variable-length strings. Limits: at most 256 children per group (32 symbol-table nodes of 8).
 */
final class Hdf5Writer {

  static final int MAX_CHILDREN = 256;
  private static final long UNDEF = -1L;
  private static final int LEAF_K = 4;
  private static final int INTERNAL_K = 16;
  private static final int SUPERBLOCK_SIZE = 96;
  private static final int GLOBAL_HEAP_MIN = 4096;

  /** A group: children by name (sorted, as HDF5 symbol tables require) and string attributes. */
  static final class GroupNode {
    final TreeMap<String, Object> children = new TreeMap<>();
    /** Name → a {@code String} (scalar) or a {@code String[]} (one-dimensional) attribute. */
    final Map<String, Object> attributes = new LinkedHashMap<>();
    final List<Integer> heapIndexes = new ArrayList<>();
  }

  /** float32 {@code values}, or the one value of an int32 scalar ({@code int32} non-null). */
  private record DatasetNode(int[] shape, float[] values, Integer int32) {}

  private record GroupAddresses(long header, long btree, long heap) {}

  private final GroupNode root = new GroupNode();
  private final List<byte[]> heapStrings = new ArrayList<>();
  private ByteSink out;
  private long globalHeap;

  /** The group at a '/'-separated path, created with its parents when missing. */
  GroupNode group(String path) {
    GroupNode g = root;
    for (String part : path.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      Object c = g.children.computeIfAbsent(part, k -> new GroupNode());
      if (!(c instanceof GroupNode next)) {
        throw new IllegalArgumentException("Hdf5Writer: '" + part + "' in " + path + " is a dataset, not a group");
      }
      g = next;
    }
    return g;
  }

  /** A float32 dataset at {@code groupPath/name}. */
  void dataset(String groupPath, String name, int[] shape, float[] values) {
    GroupNode g = group(groupPath);
    if (g.children.containsKey(name)) {
      throw new IllegalArgumentException("Hdf5Writer: " + groupPath + "/" + name + " already exists");
    }
    g.children.put(name, new DatasetNode(shape.clone(), values.clone(), null));
  }

  /** A scalar int32 dataset at {@code groupPath/name} (Keras' optimizer {@code iterations}). */
  void intScalar(String groupPath, String name, int value) {
    GroupNode g = group(groupPath);
    if (g.children.containsKey(name)) {
      throw new IllegalArgumentException("Hdf5Writer: " + groupPath + "/" + name + " already exists");
    }
    g.children.put(name, new DatasetNode(new int[0], new float[1], value));
  }

  /** The file's bytes. */
  byte[] toBytes() {
    out = new ByteSink();
    out.skip(SUPERBLOCK_SIZE);
    globalHeap = writeGlobalHeap(collectStrings(root));
    GroupAddresses r = writeGroup(root);
    long eof = out.size();
    out.at(0).bytes(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'})
        .u8(0).u8(0).u8(0).u8(0).u8(0).u8(8).u8(8).u8(0)
        .u16(LEAF_K).u16(INTERNAL_K).u32(0)
        .u64(0).u64(UNDEF).u64(eof).u64(UNDEF);
    symbolEntry(0, r);
    return out.toArray();
  }

  private List<byte[]> collectStrings(GroupNode g) {
    g.heapIndexes.clear();
    for (Object v : g.attributes.values()) {
      g.heapIndexes.add(heapStrings.size() + 1); // global heap objects are numbered from 1
      for (String s : v instanceof String[] a ? a : new String[] {(String) v}) {
        heapStrings.add(s.getBytes(StandardCharsets.UTF_8));
      }
    }
    for (Object c : g.children.values()) {
      if (c instanceof GroupNode child) {
        collectStrings(child);
      }
    }
    return heapStrings;
  }

  // GCOL: objects 1..n hold the strings; object 0 is the free space up to the collection's end
  private long writeGlobalHeap(List<byte[]> strings) {
    long size = 16;
    for (byte[] s : strings) {
      size += 16 + align8(s.length);
    }
    long total = Math.max(GLOBAL_HEAP_MIN, align8(size + 16));
    long at = out.align().size();
    out.ascii("GCOL").u8(1).u8(0).u8(0).u8(0).u64(total);
    for (int i = 0; i < strings.size(); i++) {
      out.u16(i + 1).u16(1).u32(0).u64(strings.get(i).length).bytes(strings.get(i)).pad8();
    }
    long free = at + total - out.size();
    out.u16(0).u16(0).u32(0).u64(free).skip(free - 16);
    return at;
  }

  private GroupAddresses writeGroup(GroupNode g) {
    if (g.children.size() > MAX_CHILDREN) {
      throw new IllegalArgumentException("Hdf5Writer: at most " + MAX_CHILDREN + " entries per group; received "
          + g.children.size());
    }
    List<String> names = new ArrayList<>(g.children.keySet());
    List<Long> headers = new ArrayList<>();
    List<GroupAddresses> groups = new ArrayList<>();
    for (String name : names) {
      Object c = g.children.get(name);
      GroupAddresses a = c instanceof GroupNode child ? writeGroup(child) : null;
      groups.add(a);
      headers.add(a != null ? a.header() : writeDataset((DatasetNode) c));
    }
    long[] nameOffsets = new long[names.size()];
    long heap = writeLocalHeap(names, nameOffsets);
    List<Long> nodes = new ArrayList<>();
    for (int first = 0; first < names.size(); first += 2 * LEAF_K) {
      long node = out.align().size();
      int n = Math.min(2 * LEAF_K, names.size() - first);
      out.ascii("SNOD").u8(1).u8(0).u16(n);
      for (int i = 0; i < 2 * LEAF_K; i++) {
        if (i < n) {
          symbolEntry(nameOffsets[first + i], headers.get(first + i), groups.get(first + i));
        } else {
          out.skip(40);
        }
      }
      nodes.add(node);
    }
    long btree = out.align().size();
    out.ascii("TREE").u8(0).u8(0).u16(nodes.size()).u64(UNDEF).u64(UNDEF).u64(0);
    for (int i = 0; i < nodes.size(); i++) {
      int last = Math.min(names.size(), (i + 1) * 2 * LEAF_K) - 1;
      out.u64(nodes.get(i)).u64(nameOffsets[last]);
    }
    out.skip((2L * INTERNAL_K - nodes.size()) * 16);
    List<Message> messages = new ArrayList<>();
    messages.add(message(0x11, new ByteSink().u64(btree).u64(heap)));
    int i = 0;
    for (Map.Entry<String, Object> a : g.attributes.entrySet()) {
      messages.add(stringAttribute(a.getKey(), a.getValue(), g.heapIndexes.get(i++)));
    }
    return new GroupAddresses(objectHeader(messages), btree, heap);
  }

  private void symbolEntry(long nameOffset, GroupAddresses g) {
    symbolEntry(nameOffset, g.header(), g);
  }

  private void symbolEntry(long nameOffset, long header, GroupAddresses g) {
    out.u64(nameOffset).u64(header);
    if (g != null) {
      out.u32(1).u32(0).u64(g.btree()).u64(g.heap());
    } else {
      out.u32(0).u32(0).u64(0).u64(0);
    }
  }

  // HEAP: "" at offset 0, the names, then one 16-byte free block ending the free list
  private long writeLocalHeap(List<String> names, long[] offsets) {
    ByteSink data = new ByteSink().skip(8);
    for (int i = 0; i < names.size(); i++) {
      offsets[i] = data.size();
      data.bytes(names.get(i).getBytes(StandardCharsets.UTF_8)).u8(0).pad8();
    }
    long freeAt = data.size();
    data.u64(1).u64(16);
    long at = out.align().size();
    out.ascii("HEAP").u8(0).u8(0).u8(0).u8(0).u64(data.size()).u64(freeAt).u64(at + 32);
    out.bytes(data.toArray());
    return at;
  }

  private long writeDataset(DatasetNode d) {
    long data = out.align().size();
    if (d.int32() != null) {
      out.u32(d.int32() & 0xffffffffL);
    } else {
      for (float v : d.values()) {
        out.f32(v);
      }
    }
    long length = (long) d.values().length * 4;
    ByteSink space = dataspace(d.shape());
    // fixed-point: version 1, class 0, signed little-endian, 4 bytes, offset 0, precision 32;
    // floating-point: IEEE single, little-endian
    ByteSink type = d.int32() != null ? new ByteSink().u8(0x10).u8(0x08).u8(0).u8(0).u32(4).u16(0).u16(32)
        : new ByteSink().u8(0x11).u8(0x20).u8(31).u8(0).u32(4).u16(0).u16(32).u8(23).u8(8).u8(0).u8(23).u32(127);
    ByteSink fill = new ByteSink().u8(2).u8(2).u8(2).u8(0);
    ByteSink layout = new ByteSink().u8(3).u8(1).u64(length == 0 ? UNDEF : data).u64(length);
    return objectHeader(List.of(message(0x01, space), message(0x03, type), message(0x05, fill),
        message(0x08, layout)));
  }

  private static ByteSink dataspace(int[] shape) {
    ByteSink s = new ByteSink().u8(1).u8(shape.length).u8(0).u8(0).u32(0);
    for (int d : shape) {
      s.u64(d);
    }
    return s;
  }

  // variable-length UTF-8 strings (a scalar or a 1-d array) whose bytes are global heap objects from `first`
  private Message stringAttribute(String name, Object value, int first) {
    byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
    ByteSink type = new ByteSink().u8(0x19).u8(0x01).u8(0x01).u8(0).u32(16)
        .u8(0x10).u8(0).u8(0).u8(0).u32(1).u16(0).u16(8);
    String[] values = value instanceof String[] a ? a : new String[] {(String) value};
    ByteSink space = value instanceof String[] ? dataspace(new int[] {values.length}) : dataspace(new int[0]);
    ByteSink body = new ByteSink().u8(1).u8(0).u16(n.length).u16(type.size()).u16(space.size())
        .bytes(n).pad8().bytes(type.toArray()).pad8().bytes(space.toArray()).pad8();
    for (int i = 0; i < values.length; i++) {
      body.u32(heapStrings.get(first - 1 + i).length).u64(globalHeap).u32(first + i);
    }
    return new Message(0x0C, body.toArray());
  }

  private record Message(int type, byte[] body) {}

  private static Message message(int type, ByteSink body) {
    return new Message(type, body.toArray());
  }

  private long objectHeader(List<Message> messages) {
    long size = 0;
    for (Message m : messages) {
      size += 8 + align8(m.body().length);
    }
    long at = out.align().size();
    out.u8(1).u8(0).u16(messages.size()).u32(1).u32(size).u32(0);
    for (Message m : messages) {
      out.u16(m.type()).u16((int) align8(m.body().length)).u8(0).u8(0).u8(0).u8(0).bytes(m.body()).pad8();
    }
    return at;
  }

  static long align8(long n) {
    return (n + 7) & ~7L;
  }
}
