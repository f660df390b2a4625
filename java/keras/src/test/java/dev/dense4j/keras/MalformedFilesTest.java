// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dense4j.activations.Activations;
import dev.dense4j.layers.Dense;
import dev.dense4j.models.Sequential;
import dev.dense4j.testing.KerasModelFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of hostile files made here (truncations at many offsets, bit flips, oversize declared
 * shapes, zip bombs, absurd counts, traversal names): every one loads or fails with a
 * {@link KerasFormatException}; no other exception, no out-of-memory, no hang.
 */
class MalformedFilesTest {

  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir
  Path tmp;

  private Path ours;
  private int cases;

  /** A small model written by this library: the seed that exists even without the real files. */
  @BeforeEach
  void writeSeed() {
    try (Sequential m = new Sequential("seed")) {
      m.add(Dense.builder(6).name("hidden").activation("relu").build())
          .add(Dense.builder(3).name("out").activation(Activations.get("softmax")).useBias(false).build());
      m.build(-1, 5);
      KerasRoundTripTest.randomWeights(m, 3);
      ours = tmp.resolve("seed.keras");
      KerasModels.save(m, ours);
    }
  }

  /** Loads (and lists the weights of) {@code bytes}; only success or KerasFormatException may come out. */
  private void loadsOrFailsCleanly(String what, byte[] bytes) {
    Path p = tmp.resolve("case.bin");
    try {
      Files.write(p, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    cases++;
    for (int mode = 0; mode < 2; mode++) {
      try {
        if (mode == 0) {
          KerasModels.load(p).close();
        } else {
          KerasModels.readWeights(p, LoadOptions.DEFAULT);
        }
      } catch (KerasFormatException expected) {
        assertTrue(expected.getMessage().startsWith(p.toString()), what + ": message must name the file: "
            + expected.getMessage());
      } catch (Throwable t) {
        fail(what + ": expected success or KerasFormatException; received " + t, t);
      }
    }
  }

  private KerasFormatException rejected(String what, byte[] bytes, LoadOptions options) {
    Path p = tmp.resolve("rejected.bin");
    try {
      Files.write(p, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    cases++;
    return assertThrows(KerasFormatException.class, () -> KerasModels.load(p, options).close(), what);
  }

  private List<Path> seeds() {
    List<Path> seeds = new ArrayList<>(List.of(ours));
    Optional<Path> shared = KerasModelFiles.find();
    if (shared.isPresent()) { // the real files widen the corpus; the seed above keeps it meaningful without them
      Path dir = shared.get();
      for (String rel : List.of("KonduitAI__dl4j-test-resources/simple_sparse_xent_mlp_keras_2_model.h5",
          "KonduitAI__dl4j-test-resources/weights_flatten_3d.hdf5", "edycoleee__ml2025/xor_model.h5",
          "gayathry-gopan__streamlit-demo/iris_model.keras", "dfrribeiro__iasc46307/xor.keras")) {
        seeds.add(dir.resolve(rel));
      }
    } else {
      System.out.println("MalformedFilesTest: ../shared/keras-models absent; corpus built from this library's file only");
    }
    return seeds;
  }

  @Test
  void truncationsAndBitFlipsFailCleanly() {
    assertTimeoutPreemptively(BOUND, () -> {
      SplittableRandom rng = new SplittableRandom(42);
      for (Path seed : seeds()) {
        byte[] file = Files.readAllBytes(seed);
        boolean zip = seed.toString().endsWith(".keras");
        Map<String, byte[]> members = zip ? Corpus.unzip(seed) : null;
        byte[] h5 = zip ? members.get("model.weights.h5") : file;
        for (int k = 0; k < 48; k++) {
          int cut = k < 16 ? k * 7 : (int) ((long) h5.length * (k - 16) / 32);
          byte[] t = java.util.Arrays.copyOf(h5, cut);
          loadsOrFailsCleanly(seed + " truncated at " + cut, zip ? Corpus.zip(Corpus.with(members, "model.weights.h5", t)) : t);
          if (zip) {
            loadsOrFailsCleanly(seed + " archive truncated", java.util.Arrays.copyOf(file, (int) ((long) file.length * k / 48)));
          }
        }
        for (int k = 0; k < 120; k++) {
          byte[] f = h5.clone();
          int flips = 1 + rng.nextInt(4);
          for (int i = 0; i < flips; i++) {
            // half the flips hit the first 4 KiB, where superblock, headers and trees of small files live
            int at = rng.nextInt(k % 2 == 0 ? Math.min(f.length, 4096) : f.length);
            f[at] ^= (byte) (1 << rng.nextInt(8));
          }
          loadsOrFailsCleanly(seed + " bit flips #" + k, zip ? Corpus.zip(Corpus.with(members, "model.weights.h5", f)) : f);
        }
      }
    });
    System.out.println("MalformedFilesTest: " + cases + " truncated / bit-flipped files, all clean");
    // 216 cases from this library's file alone; the five real files add over a thousand
    int least = KerasModelFiles.find().isPresent() ? 1000 : 200;
    assertTrue(cases > least, "corpus too small: " + cases);
  }

  @Test
  void oversizeDeclaredShapesAreRefusedBeforeAllocation() throws IOException {
    Map<String, byte[]> members = Corpus.unzip(ours);
    for (long huge : new long[] {1L << 40, Integer.MAX_VALUE, 1L << 62, -1L}) {
      byte[] h5 = members.get("model.weights.h5").clone();
      assertEquals(1, Corpus.replaceAll(h5, Corpus.u64(5, 6), Corpus.u64(huge, 6)), "kernel dims found once");
      KerasFormatException e = rejected("kernel declared " + huge + "x6",
          Corpus.zip(Corpus.with(members, "model.weights.h5", h5)), LoadOptions.DEFAULT);
      assertTrue(e.getMessage().contains("model.weights.h5") && e.getMessage().contains("layers/dense/vars/0"), e.getMessage());
    }
    if (KerasModelFiles.find().isPresent()) {
      byte[] h5 = Files.readAllBytes(KerasModelFiles.file("KonduitAI__dl4j-test-resources/weights_flatten_3d.hdf5"));
      assertTrue(Corpus.replaceAll(h5, Corpus.u64(1000, 10), Corpus.u64(1L << 50, 10)) >= 1);
      KerasFormatException e = rejected("legacy kernel declared 2^50x10", h5, LoadOptions.DEFAULT);
      assertTrue(e.getMessage().contains("exceeds the file size") || e.getMessage().contains("overflows"), e.getMessage());
    }
  }

  @Test
  void zipBombsAreStoppedByRatioAndSize() {
    Map<String, byte[]> members = Corpus.unzip(ours);
    byte[] zeros = new byte[48 << 20];
    KerasFormatException bomb = rejected("48 MiB of zeros deflated",
        Corpus.zip(Corpus.with(members, "model.weights.h5", zeros), "model.weights.h5"), LoadOptions.DEFAULT);
    assertTrue(bomb.getMessage().contains("model.weights.h5") && bomb.getMessage().contains("compression ratio"),
        bomb.getMessage());
    KerasLimits small = new KerasLimits(1 << 20, 100, 4096, 1_000_000, 100, 1 << 20);
    byte[] bigConfig = new byte[8192];
    java.util.Arrays.fill(bigConfig, (byte) ' ');
    KerasFormatException json = rejected("config.json above maxJsonBytes",
        Corpus.zip(Corpus.with(members, "config.json", bigConfig)), new LoadOptions(small, Map.of()));
    assertTrue(json.getMessage().contains("config.json") && json.getMessage().contains("limit of 4096"), json.getMessage());
  }

  @Test
  void absurdCountsAreRefused() {
    Map<String, byte[]> members = new LinkedHashMap<>(Corpus.unzip(ours));
    for (int i = 0; i <= KerasLimits.DEFAULT.maxZipEntries(); i++) {
      members.put("assets/" + i, new byte[0]);
    }
    KerasFormatException e = rejected("10 001 entries", Corpus.zip(members), LoadOptions.DEFAULT);
    assertTrue(e.getMessage().contains("entries"), e.getMessage());

    StringBuilder layers = new StringBuilder("{\"class_name\": \"Sequential\", \"config\": [");
    for (int i = 0; i <= KerasLimits.DEFAULT.maxLayers(); i++) {
      layers.append(i == 0 ? "" : ", ").append("{\"class_name\": \"Dropout\", \"config\": {\"name\": \"d").append(i)
          .append("\", \"rate\": 0.1}}");
    }
    e = rejected("10 001 layers", utf8(layers.append("]}").toString()), LoadOptions.DEFAULT);
    assertTrue(e.getMessage().contains("10001 layers"), e.getMessage());

    e = rejected("nesting depth 5000", utf8("{\"class_name\": " + "[".repeat(5000) + "]".repeat(5000) + "}"),
        LoadOptions.DEFAULT);
    assertTrue(e.getMessage().contains("invalid JSON"), e.getMessage());

    e = rejected("units 2^30 without weights", utf8("{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"Dense\", "
        + "\"config\": {\"name\": \"big\", \"units\": 1073741824, \"batch_input_shape\": [null, 1024]}}]}"), LoadOptions.DEFAULT);
    assertTrue(e.getMessage().contains("parameters without weights"), e.getMessage());
  }

  @Test
  void traversalNamesAreRefused() {
    Map<String, byte[]> members = Corpus.unzip(ours);
    for (String evil : List.of("../evil.txt", "/etc/passwd", "assets/../../x", "C:\\windows\\win.ini", "..\\x")) {
      Map<String, byte[]> m = new LinkedHashMap<>(members);
      m.put(evil, utf8("owned"));
      KerasFormatException e = rejected(evil, Corpus.zip(m), LoadOptions.DEFAULT);
      assertTrue(e.getMessage().contains(evil) && e.getMessage().contains("unsafe archive entry name"), e.getMessage());
    }
  }

  @Test
  void unsupportedLayersAreListedTogetherByNameAndClass() {
    KerasFormatException e = rejected("conv and lstm", utf8("{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", "
        + "\"layers\": [{\"class_name\": \"Conv2D\", \"config\": {\"name\": \"c1\"}}, {\"class_name\": \"Dense\", "
        + "\"config\": {\"name\": \"d\", \"units\": 2}}, {\"class_name\": \"LSTM\", \"config\": {\"name\": \"rnn\"}}]}}"),
        LoadOptions.DEFAULT);
    assertTrue(e.getMessage().contains("unsupported layers: 'c1' (Conv2D), 'rnn' (LSTM)"), e.getMessage());
  }

  @Test
  void weightShapesAreCheckedAgainstTheConfig() {
    Map<String, byte[]> members = Corpus.unzip(ours);
    String config = new String(members.get("config.json"), StandardCharsets.UTF_8).replace("\"units\":6", "\"units\":7");
    KerasFormatException e = rejected("units 7 with a (5, 6) kernel",
        Corpus.zip(Corpus.with(members, "config.json", utf8(config))), LoadOptions.DEFAULT);
    assertTrue(e.getMessage().contains("layers/dense/vars/0") && e.getMessage().contains("expects a kernel of shape [5, 7]")
        && e.getMessage().contains("[5, 6]"), e.getMessage());
  }

  @Test
  void thingsThatAreNotModelsAreNamed() {
    assertTrue(rejected("empty", new byte[0], LoadOptions.DEFAULT).getMessage().contains("not a Keras model file"));
    byte[] noise = new byte[4096];
    new SplittableRandom(42).nextBytes(noise);
    assertTrue(rejected("noise", noise, LoadOptions.DEFAULT).getMessage().contains("not a Keras model file"));
    assertTrue(rejected("hdf5 signature only", java.util.Arrays.copyOf(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'}, 64),
        LoadOptions.DEFAULT).getMessage().contains("malformed HDF5"));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
