// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keras' {@code ModelCheckpoint}, saving through a {@link ModelSaver} at the end of epochs.
 *
 * <p>The file pattern may name the epoch (1-based, as Keras) and logged values:
 * {@code "ckpt-{epoch:02d}-{val_loss:.3f}.d4jw"}. Defaults as Keras: {@code monitor="val_loss",
 * save_best_only=False, mode="auto"}. With {@code saveBestOnly}, a file is written only when the
 * monitored value improves on the best so far.
 */
public final class ModelCheckpoint implements Callback {

  private static final System.Logger LOG = System.getLogger("dev.dense4j");
  private static final Pattern FIELD = Pattern.compile("\\{(\\w+)(?::([^}]*))?}");

  private final String pattern;
  private final ModelSaver saver;
  private String monitor = "val_loss";
  private boolean saveBestOnly;
  private MonitorMode mode = MonitorMode.AUTO;
  private boolean maximize;
  private Double best;
  private Path lastSaved;

  public ModelCheckpoint(Path filePattern, ModelSaver saver) {
    this.pattern = Objects.requireNonNull(filePattern, "filePattern").toString();
    this.saver = Objects.requireNonNull(saver, "saver");
  }

  public ModelCheckpoint monitor(String monitor) {
    this.monitor = Objects.requireNonNull(monitor, "monitor");
    return this;
  }

  public ModelCheckpoint saveBestOnly(boolean saveBestOnly) {
    this.saveBestOnly = saveBestOnly;
    return this;
  }

  public ModelCheckpoint mode(MonitorMode mode) {
    this.mode = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /** The last file written, or null. */
  public Path lastSaved() {
    return lastSaved;
  }

  @Override
  public void onTrainBegin(Sequential model) {
    maximize = saveBestOnly && mode.higherIsBetter("ModelCheckpoint", monitor, model);
    best = null;
  }

  @Override
  public void onEpochEnd(Sequential model, int epoch, Map<String, Double> logs) {
    if (saveBestOnly) {
      Double current = logs.get(monitor);
      if (current == null) {
        LOG.log(Level.WARNING, "ModelCheckpoint: can save best model only with ''{0}'' available; available: {1}",
            monitor, logs.keySet());
        return;
      }
      boolean better = best == null || (maximize ? current > best : current < best);
      if (!better) {
        return;
      }
      best = current;
    }
    Path path = Path.of(format(pattern, epoch + 1, logs));
    saver.save(model, path);
    lastSaved = path;
  }

  static String format(String pattern, int epoch, Map<String, Double> logs) {
    Matcher m = FIELD.matcher(pattern);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String key = m.group(1);
      String spec = m.group(2);
      Object value = key.equals("epoch") ? (Object) epoch : logs.get(key);
      if (value == null) {
        throw new IllegalArgumentException("ModelCheckpoint: the file pattern names '" + key
            + "', which is not logged; logged: epoch, " + logs.keySet() + "; received pattern=" + pattern);
      }
      String text = spec == null ? String.valueOf(value) : String.format(Locale.ROOT, "%" + spec, value);
      m.appendReplacement(sb, Matcher.quoteReplacement(text));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
