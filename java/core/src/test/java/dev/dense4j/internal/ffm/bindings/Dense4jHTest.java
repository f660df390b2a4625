// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm.bindings;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dense4j.internal.ActivationKind;
import dev.dense4j.testing.RepoPaths;
import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written bindings must match native/include/dense4j.h: every exported prototype has a
 * binding with the same descriptor and vice versa, and the constants agree. Runs without natives.
 */
class Dense4jHTest {

  static final Pattern PROTOTYPE = Pattern.compile(
      "D4J_API\\s+(?:const\\s+)?([\\w\\s]+?)\\s*(\\*?)\\s*(d4j_\\w+)\\s*\\(([^)]*)\\)\\s*;");

  static String header() throws IOException {
    return Files.readString(RepoPaths.root().resolve("native/include/dense4j.h"));
  }

  /** C prototypes of the header, as descriptors. */
  static Map<String, FunctionDescriptor> headerPrototypes() throws IOException {
    Map<String, FunctionDescriptor> out = new TreeMap<>();
    Matcher m = PROTOTYPE.matcher(header());
    while (m.find()) {
      String ret = m.group(1).trim();
      boolean retPointer = !m.group(2).isEmpty();
      List<MemoryLayout> args = new ArrayList<>();
      String params = m.group(4).trim();
      if (!params.equals("void") && !params.isEmpty()) {
        for (String p : params.split(",")) {
          args.add(layout(p.trim()));
        }
      }
      MemoryLayout[] a = args.toArray(MemoryLayout[]::new);
      out.put(m.group(3), retPointer ? FunctionDescriptor.of(ADDRESS, a)
          : ret.equals("void") ? FunctionDescriptor.ofVoid(a) : FunctionDescriptor.of(scalar(ret), a));
    }
    return out;
  }

  static MemoryLayout layout(String param) {
    String p = param.replace("const", "").trim();
    if (p.contains("*")) {
      return ADDRESS;
    }
    return scalar(p.substring(0, p.lastIndexOf(' ')).trim());
  }

  static MemoryLayout scalar(String type) {
    return switch (type) {
      case "int32_t" -> JAVA_INT;
      case "int64_t" -> JAVA_LONG;
      case "float" -> JAVA_FLOAT;
      case "double" -> JAVA_DOUBLE;
      default -> throw new AssertionError("type not allowed in the dense4j ABI: " + type);
    };
  }

  @Test
  void everyPrototypeHasAMatchingBindingAndNoBindingIsExtra() throws Exception {
    Map<String, FunctionDescriptor> header = headerPrototypes();
    assertFalse(header.isEmpty(), "no prototypes parsed");
    Map<String, FunctionDescriptor> bound = new TreeMap<>();
    for (Method m : Dense4jH.class.getDeclaredMethods()) {
      if (m.getName().endsWith("$descriptor") && Modifier.isStatic(m.getModifiers())) {
        bound.put(m.getName().replace("$descriptor", ""), (FunctionDescriptor) m.invoke(null));
      }
    }
    assertEquals(new TreeSet<>(header.keySet()), new TreeSet<>(bound.keySet()), "functions");
    for (var e : header.entrySet()) {
      assertEquals(strip(e.getValue()), strip(bound.get(e.getKey())), e.getKey());
    }
  }

  // layouts compare with their names and alignment; the ABI cares about the carriers
  static String strip(FunctionDescriptor d) {
    return d.returnLayout().map(l -> l.withoutName().toString()).orElse("void") + "("
        + String.join(",", d.argumentLayouts().stream().map(l -> l.withoutName().toString()).toList()) + ")";
  }

  @Test
  void constantsAgree() throws IOException {
    String h = header();
    assertEquals(Dense4jH.D4J_ABI_VERSION, define(h, "D4J_ABI_VERSION"));
    assertEquals(Dense4jH.D4J_OK, define(h, "D4J_OK"));
    assertEquals(Dense4jH.D4J_ERR_UNSUPPORTED_CPU, define(h, "D4J_ERR_UNSUPPORTED_CPU"));
    Matcher m = Pattern.compile("D4J_ACT_(\\w+)\\s*=\\s*(\\d+)").matcher(h);
    List<String> seen = new ArrayList<>();
    while (m.find()) {
      ActivationKind k = ActivationKind.valueOf(m.group(1));
      assertEquals(Integer.parseInt(m.group(2)), k.code(), k.name());
      seen.add(k.name());
    }
    assertEquals(Arrays.stream(ActivationKind.values()).map(Enum::name).toList(), seen, "same activations, same order");
  }

  static int define(String header, String name) {
    Matcher m = Pattern.compile("#define\\s+" + name + "\\s+(-?\\d+)").matcher(header);
    if (!m.find()) {
      fail(name + " not defined in dense4j.h");
    }
    return Integer.parseInt(m.group(1));
  }
}
